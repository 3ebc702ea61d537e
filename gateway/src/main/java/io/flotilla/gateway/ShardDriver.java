package io.flotilla.gateway;

import io.flotilla.gateway.policy.Attempt;
import io.flotilla.gateway.policy.ConnectionEnd;
import io.flotilla.gateway.policy.ReconnectBackoff;
import io.flotilla.gateway.policy.ReconnectDecision;
import io.flotilla.gateway.policy.ReconnectPolicy;
import io.flotilla.protocol.Recovery;
import io.flotilla.protocol.ShardId;
import io.flotilla.protocol.json.Envelope;
import io.flotilla.protocol.json.EnvelopeDecoder;
import io.flotilla.protocol.json.GatewayCommand;
import io.netty.channel.EventLoop;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The brain of one shard: loads the stored session (retrying while the store is down), opens connections,
 * carries out what {@link PayloadRules} decides for each payload, and after every connection what the {@link
 * ReconnectPolicy} decides. Every method runs on the shard's event loop (the {@link Shard} facade and {@link
 * SinkFeedback} hop there); the volatile fields are only written there and may be read anywhere.
 */
final class ShardDriver implements ConnectionEvents {
    private static final Logger LOG = LoggerFactory.getLogger(ShardDriver.class);

    private final ShardConfig config;
    private final ShardPorts ports;
    private final EventLoop loop;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final ShardStateMachine states;
    private final SessionLoader loader;
    private final ReconnectPolicy policy;
    private final EnvelopeDecoder decoder = new EnvelopeDecoder();
    private final CommandQueue commands;
    private final ShardEnding ending;
    private final ShardSession session;
    private final IdentifySlot identify;
    private final SinkFeedback feedback;
    private final ShardObserver observer;
    private volatile @Nullable Duration latency;
    private @Nullable ShardConnection connection;
    private boolean viaGatewayUrl;
    private boolean sentResume;
    private boolean wentLive;
    private @Nullable ScheduledFuture<?> timer;

    ShardDriver(
            ShardConfig config,
            ShardPorts ports,
            EventLoop loop,
            InstantSource clock,
            RandomGenerator random,
            ShardStateMachine states,
            Consumer<ShardFailure> onFailure,
            ShardObserver observer) {
        this.config = config;
        this.observer = observer;
        this.ports = ports;
        this.loop = loop;
        this.clock = clock;
        this.random = random;
        this.states = states;
        ShardTimings t = config.timings();
        this.policy =
                new ReconnectPolicy(new ReconnectBackoff(t.backoffBase(), t.backoffMax(), t.healthyAfter(), random));
        this.commands = new CommandQueue(t.commandQueueCapacity(), loop, this::drainCommands);
        this.session = new ShardSession(config.shard(), ports.sessionStore());
        this.ending = new ShardEnding(this, session, states, ports, loop, onFailure);
        this.identify = new IdentifySlot(config, ports.identifyGate(), loop);
        this.feedback = new SinkFeedback(loop, this, session, states);
        this.loader = new SessionLoader(
                config,
                ports.sessionStore(),
                loop,
                clock,
                new ReconnectBackoff(t.backoffBase(), t.backoffMax(), t.healthyAfter(), random));
    }

    @Override
    public ShardId shardId() {
        return config.shard();
    }

    @Override
    public long seq() {
        return session.seq();
    }

    ShardTimings timings() {
        return config.timings();
    }

    @Nullable
    Duration latency() {
        return latency;
    }

    ShardEnding ending() {
        return ending;
    }

    @Override
    public void latencyMeasured(Duration measured) {
        latency = measured;
    }

    @Override
    public void zombie() {
        observer.zombie(config.shard());
    }

    /** The session as it stands, or null before the first READY. */
    @Nullable
    StoredSession session() {
        return session.snapshot();
    }

    void start() {
        if (states.current() != ShardState.NEW) {
            return;
        }
        states.moveTo(ShardState.CONNECTING, "starting; loading the stored session");
        loader.load(() -> states.current() == ShardState.CONNECTING, stored -> {
            session.adopt(stored);
            openConnection();
        });
    }

    private void openConnection() {
        if (states.current() != ShardState.CONNECTING) {
            return;
        }
        String resumeUrl = session.resumeUrl();
        String base = resumeUrl != null && !viaGatewayUrl
                ? resumeUrl
                : config.gatewayUrl().toString();
        URI uri = GatewayUrls.connectUri(base, config.compression());
        ShardConnection conn = new ShardConnection(this, config, decoder, clock);
        connection = conn;
        sentResume = false;
        wentLive = false;
        LOG.debug("shard {} connecting to {}", config.shard(), uri);
        GatewayDialer.dial(loop, uri, config.timings().connectTimeout(), conn).addListener(f -> {
            if (!f.isSuccess() && connection == conn) {
                connection = null;
                afterConnection(
                        ConnectionEnd.dropped(
                                "connect to " + uri.getHost() + ":" + uri.getPort() + " failed: " + f.cause()),
                        false);
            }
        });
    }

    @Override
    public void onPayload(ShardConnection conn, Envelope envelope) {
        if (conn != connection || conn.closing()) {
            return; // a connection being closed delivers nothing more: its seqs would undo a rewind
        }
        ShardTimings t = config.timings();
        long spread = t.invalidSessionMax().toMillis() - t.invalidSessionMin().toMillis();
        Duration invalidDelay = t.invalidSessionMin().plusMillis((long) (random.nextDouble() * spread));
        PayloadAction action =
                PayloadRules.decide(envelope, states.current(), session.resumeUrl() != null, invalidDelay);
        switch (action) {
            case PayloadAction.Ignore ignore -> LOG.debug("shard {} ignores {}", config.shard(), ignore.why());
            case PayloadAction.Hello hello -> onHello(conn, hello);
            case PayloadAction.BeatNow beat -> conn.heartbeatNow();
            case PayloadAction.Acknowledge ack -> conn.ackReceived();
            case PayloadAction.Reconnect r -> conn.closeAfterEcho(ShardConnection.RECONNECT_CLOSE, r.end());
            case PayloadAction.Deliver deliver -> deliver(conn, deliver);
        }
    }

    private void onHello(ShardConnection conn, PayloadAction.Hello hello) {
        conn.startHeartbeat(hello.interval(), random.nextDouble());
        String id = session.id();
        if (hello.resume() && id != null) {
            states.moveTo(ShardState.RESUMING, "HELLO; resuming session at seq " + session.seq());
            sentResume = true;
            conn.send(io.flotilla.protocol.json.PayloadWriter.resume(
                    config.token().value(), id, Math.max(session.seq(), 0)));
            return;
        }
        states.moveTo(ShardState.IDENTIFYING, "HELLO; waiting for an identify slot");
        identify.request(conn, () -> connection == conn && states.current() == ShardState.IDENTIFYING);
    }

    private void deliver(ShardConnection conn, PayloadAction.Deliver deliver) {
        Envelope envelope = deliver.dispatch();
        session.sequence(envelope);
        String type = envelope.type();
        if (type == null) {
            LOG.debug("shard {} ignores a dispatch without t", config.shard());
            return;
        }
        switch (deliver.live()) {
            case READY -> {
                session.started(io.flotilla.protocol.json.ControlData.ready(envelope));
                sessionLive("READY");
            }
            case RESUMED -> sessionLive("RESUMED");
            case NO -> {}
        }
        String id = session.id();
        Dispatch dispatch = new Dispatch(
                config.shard(),
                id == null ? "" : id,
                session.seq(),
                type,
                envelope.frame(),
                envelope.dataOffset(),
                envelope.dataLength());
        if (!ports.sink().offer(dispatch, feedback)) {
            conn.pauseReading();
        }
    }

    private void sessionLive(String event) {
        states.moveTo(ShardState.READY, event);
        wentLive = true;
        viaGatewayUrl = false;
        policy.sessionLive(clock.instant());
        session.save();
        drainCommands();
    }

    @Override
    public void onClosed(ShardConnection conn, ConnectionEnd end) {
        if (conn != connection) {
            return;
        }
        connection = null;
        identify.cancel();
        observer.connectionClosed(config.shard(), end.closeCode());
        afterConnection(end, conn.reachedServer());
    }

    private void afterConnection(ConnectionEnd end, boolean reachedServer) {
        ShardState state = states.current();
        if (state.isFinal()) {
            return;
        }
        if (state == ShardState.STOPPING) {
            ending.finish();
            return;
        }
        Attempt attempt = new Attempt(session.resumeUrl() != null, reachedServer, sentResume, wentLive);
        ReconnectDecision next = policy.decide(end, attempt, clock.instant());
        if (next.recovery() == Recovery.STOP) {
            ending.fail("shard " + config.shard() + " stopped for good: " + next.why(), next.fatal());
            return;
        }
        SessionEnd.Reason ends = next.endSession();
        if (ends != null) {
            session.end(ends);
        }
        viaGatewayUrl = next.viaGatewayUrl();
        Duration delay = next.delay();
        states.moveTo(
                ShardState.RECONNECTING,
                next.why() + "; " + next.recovery().name().toLowerCase(Locale.ROOT) + " in " + delay.toMillis()
                        + " ms");
        timer = loop.schedule(
                () -> {
                    timer = null;
                    if (states.current() == ShardState.RECONNECTING) {
                        states.moveTo(ShardState.CONNECTING, "reconnecting");
                        openConnection();
                    }
                },
                delay.toNanos(),
                TimeUnit.NANOSECONDS);
    }

    /** Closes the current connection, if any, and does what {@code end} says next. */
    void closeCurrent(ConnectionEnd end) {
        ShardConnection conn = connection;
        if (conn != null) {
            conn.closeAfterEcho(ShardConnection.RECONNECT_CLOSE, end);
        }
    }

    void send(GatewayCommand command, CompletableFuture<Void> done) {
        if (states.current().isFinal() || states.current() == ShardState.STOPPING) {
            done.completeExceptionally(new IllegalStateException(
                    "shard " + config.shard() + " is " + states.current() + "; command not sent"));
            return;
        }
        commands.enqueue(command, done);
        drainCommands();
    }

    void drainCommands() {
        ShardConnection conn = connection;
        if (conn != null && states.current() == ShardState.READY) {
            commands.drain(conn, clock.instant());
        }
    }

    void resumeReading() {
        ShardConnection conn = connection;
        if (conn != null && states.current() != ShardState.STOPPING) {
            conn.resumeReading();
        }
    }

    /** Stops timers and pending work before a stop, hand-off or failure; returns the live connection, if any. */
    @Nullable
    ShardConnection quiesce(String reason) {
        ScheduledFuture<?> pending = timer;
        if (pending != null) {
            pending.cancel(false);
            timer = null;
        }
        identify.cancel();
        loader.cancel();
        commands.failAll(reason);
        return connection;
    }
}
