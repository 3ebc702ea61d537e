package io.flotilla.gateway;

import io.flotilla.gateway.policy.ReconnectBackoff;
import io.flotilla.protocol.CloseCode;
import io.flotilla.protocol.Opcode;
import io.flotilla.protocol.Recovery;
import io.flotilla.protocol.ShardId;
import io.flotilla.protocol.json.ControlData;
import io.flotilla.protocol.json.Envelope;
import io.flotilla.protocol.json.EnvelopeDecoder;
import io.flotilla.protocol.json.GatewayCommand;
import io.flotilla.protocol.json.IdentifyPayload;
import io.flotilla.protocol.json.PayloadWriter;
import io.flotilla.protocol.json.ReadyInfo;
import io.netty.channel.EventLoop;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The brain of one shard: opens connections, answers HELLO with IDENTIFY (through the gate) or RESUME, keeps the
 * session and sequence (GATEWAY.md sections 5.5 and 14 item 4), delivers dispatches to the sink, and decides after
 * every close what comes next using {@link CloseCode#recoveryFor}. Every method runs on the shard's event loop
 * (the {@link Shard} facade hops there); the volatile fields are only written there and may be read anywhere.
 */
final class ShardDriver {
    private static final Logger LOG = LoggerFactory.getLogger(ShardDriver.class);

    private final ShardConfig config;
    private final ShardPorts ports;
    private final EventLoop loop;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final ShardStateMachine states;
    private final ReconnectBackoff backoff;
    private final EnvelopeDecoder decoder = new EnvelopeDecoder();
    private final CommandQueue commands;
    private final ShardEnding ending;
    private final Runnable resumeReading;
    private volatile @Nullable String sessionId;
    private volatile long seq = Envelope.NO_SEQ;
    private volatile @Nullable String resumeUrl;
    private volatile @Nullable Duration latency;
    private @Nullable ShardConnection connection;
    private boolean resumingConnection;
    private @Nullable ScheduledFuture<?> reconnectTimer;
    private @Nullable CompletableFuture<Void> identifySlot;

    ShardDriver(
            ShardConfig config,
            ShardPorts ports,
            EventLoop loop,
            InstantSource clock,
            RandomGenerator random,
            ShardStateMachine states) {
        this.config = config;
        this.ports = ports;
        this.loop = loop;
        this.clock = clock;
        this.random = random;
        this.states = states;
        ShardTimings t = config.timings();
        this.backoff = new ReconnectBackoff(t.backoffBase(), t.backoffMax(), t.healthyAfter(), random);
        this.commands = new CommandQueue(t.commandQueueCapacity(), loop, this::drainCommands);
        this.ending = new ShardEnding(this, states, ports, loop);
        this.resumeReading = () -> loop.execute(this::resumeReadingOnLoop);
    }

    ShardId shardId() {
        return config.shard();
    }

    long seq() {
        return seq;
    }

    @Nullable
    Duration latency() {
        return latency;
    }

    ShardEnding ending() {
        return ending;
    }

    void latencyMeasured(Duration measured) {
        latency = measured;
    }

    /** The session as it stands, or null before the first READY. */
    @Nullable
    StoredSession session() {
        String id = sessionId;
        String url = resumeUrl;
        return id == null || url == null
                ? null
                : new StoredSession(id, seq, url, config.shard().total());
    }

    void start() {
        if (states.current() != ShardState.NEW) {
            return;
        }
        states.moveTo(ShardState.CONNECTING, "starting; loading the stored session");
        ports.sessionStore()
                .load(config.shard())
                .whenComplete((stored, error) -> loop.execute(() -> {
                    if (error != null) {
                        LOG.warn(
                                "shard {} could not load its stored session; identifying instead",
                                config.shard(),
                                error);
                    } else if (stored != null
                            && stored.shardTotal() == config.shard().total()) {
                        sessionId = stored.sessionId();
                        seq = stored.seq();
                        resumeUrl = stored.resumeUrl();
                    }
                    openConnection();
                }));
    }

    private void openConnection() {
        if (states.current() != ShardState.CONNECTING) {
            return;
        }
        String url = resumeUrl;
        resumingConnection = sessionId != null && url != null;
        String base =
                resumingConnection && url != null ? url : config.gatewayUrl().toString();
        URI uri = GatewayUrls.connectUri(base, config.compression());
        ShardConnection conn = new ShardConnection(this, config, decoder, clock);
        connection = conn;
        LOG.debug("shard {} connecting to {}", config.shard(), uri);
        GatewayDialer.dial(loop, uri, config.timings().connectTimeout(), conn).addListener(f -> {
            if (!f.isSuccess() && connection == conn) {
                connection = null;
                afterConnection(
                        "connect to " + uri.getHost() + ":" + uri.getPort() + " failed: " + f.cause(),
                        Recovery.RESUME,
                        null);
            }
        });
    }

    void onPayload(ShardConnection conn, Envelope envelope) {
        if (conn != connection) {
            return;
        }
        Opcode op = Opcode.fromCode(envelope.op());
        if (op == null) {
            LOG.debug("shard {} ignores undocumented op {}", config.shard(), envelope.op());
            return;
        }
        switch (op) {
            case HELLO -> onHello(conn, envelope);
            case HEARTBEAT -> conn.heartbeatNow();
            case HEARTBEAT_ACK -> conn.ackReceived();
            case RECONNECT ->
                conn.closeWith(ShardConnection.RECONNECT_CLOSE, "op 7 reconnect", Recovery.RESUME, Duration.ZERO);
            case INVALID_SESSION -> onInvalidSession(conn, envelope.dataIsTrue());
            case DISPATCH -> onDispatch(conn, envelope);
            default -> LOG.debug("shard {} ignores op {} from the server", config.shard(), op);
        }
    }

    private void onHello(ShardConnection conn, Envelope hello) {
        if (states.current() != ShardState.CONNECTING) {
            return;
        }
        conn.startHeartbeat(Duration.ofMillis(ControlData.heartbeatInterval(hello)), random.nextDouble());
        String id = sessionId;
        if (resumingConnection && id != null) {
            states.moveTo(ShardState.RESUMING, "HELLO; resuming session at seq " + seq);
            conn.send(PayloadWriter.resume(config.token().value(), id, Math.max(seq, 0)));
            return;
        }
        forgetSession();
        states.moveTo(ShardState.IDENTIFYING, "HELLO; waiting for an identify slot");
        CompletableFuture<Void> slot = ports.identifyGate().acquire(config.shard());
        identifySlot = slot;
        slot.whenComplete((ok, error) -> loop.execute(() -> onIdentifySlot(conn, error)));
    }

    private void onIdentifySlot(ShardConnection conn, @Nullable Throwable error) {
        identifySlot = null;
        if (conn != connection || states.current() != ShardState.IDENTIFYING) {
            return;
        }
        if (error != null) {
            LOG.warn("shard {} identify gate failed; reconnecting", config.shard(), error);
            conn.closeWith(ShardConnection.RECONNECT_CLOSE, "identify gate failed", Recovery.IDENTIFY, null);
            return;
        }
        conn.send(PayloadWriter.identify(new IdentifyPayload(
                config.token().value(),
                config.intents(),
                config.shard(),
                config.libraryName(),
                config.largeThreshold(),
                config.presenceJson())));
    }

    private void onInvalidSession(ShardConnection conn, boolean resumable) {
        if (resumable && sessionId != null) {
            conn.closeWith(ShardConnection.RECONNECT_CLOSE, "op 9 (resumable)", Recovery.RESUME, Duration.ZERO);
            return;
        }
        ShardTimings t = config.timings();
        long spread = t.invalidSessionMax().toMillis() - t.invalidSessionMin().toMillis();
        Duration delay = t.invalidSessionMin().plusMillis((long) (random.nextDouble() * spread));
        forgetSession();
        conn.closeWith(
                ShardConnection.RECONNECT_CLOSE, "op 9: session invalid; identifying again", Recovery.IDENTIFY, delay);
    }

    private void onDispatch(ShardConnection conn, Envelope envelope) {
        if (envelope.hasSeq()) {
            seq = envelope.seq(); // never overwritten by a null s (section 14 item 4)
        }
        String type = envelope.type();
        if (type == null) {
            LOG.debug("shard {} ignores a dispatch without t", config.shard());
            return;
        }
        ShardState state = states.current();
        if ("READY".equals(type) && state == ShardState.IDENTIFYING) {
            ReadyInfo ready = ControlData.ready(envelope);
            sessionId = ready.sessionId();
            resumeUrl = ready.resumeGatewayUrl();
            sessionLive("READY");
        } else if ("RESUMED".equals(type) && state == ShardState.RESUMING) {
            sessionLive("RESUMED");
        }
        String id = sessionId;
        Dispatch dispatch = new Dispatch(
                config.shard(),
                id == null ? "" : id,
                seq,
                type,
                envelope.frame(),
                envelope.dataOffset(),
                envelope.dataLength());
        if (!ports.sink().offer(dispatch, resumeReading)) {
            conn.pauseReading();
        }
    }

    private void sessionLive(String event) {
        states.moveTo(ShardState.READY, event);
        backoff.sessionStarted(clock.instant());
        saveSession();
        drainCommands();
    }

    void saveSession() {
        StoredSession session = session();
        if (session != null) {
            ports.sessionStore().save(config.shard(), session).whenComplete((ok, error) -> {
                if (error != null) {
                    LOG.warn(
                            "shard {} could not save its session; a move may need a new identify",
                            config.shard(),
                            error);
                }
            });
        }
    }

    void forgetSession() {
        boolean had = sessionId != null || seq != Envelope.NO_SEQ;
        sessionId = null;
        resumeUrl = null;
        seq = Envelope.NO_SEQ;
        if (had) {
            ports.sessionStore().clear(config.shard()).whenComplete((ok, error) -> {
                if (error != null) {
                    LOG.warn("shard {} could not clear its stored session", config.shard(), error);
                }
            });
        }
    }

    void onClosed(ShardConnection conn) {
        if (conn != connection) {
            return;
        }
        connection = null;
        cancelIdentifySlot();
        if (states.current() == ShardState.STOPPING) {
            ending.finish();
            return;
        }
        Recovery planned = conn.plannedRecovery();
        int code = conn.closeCode();
        if (planned != null) {
            afterConnection(conn.plannedReason(), planned, conn.plannedDelay());
        } else if (code > 0) {
            afterConnection("close " + code + ": " + CloseCode.explain(code), CloseCode.recoveryFor(code), null);
        } else {
            afterConnection("connection dropped without a close frame (1006)", Recovery.RESUME, null);
        }
    }

    private void afterConnection(String why, Recovery recovery, @Nullable Duration plannedDelay) {
        if (states.current() == ShardState.STOPPING) {
            ending.finish();
            return;
        }
        if (recovery == Recovery.STOP) {
            ending.fail("shard " + config.shard() + " stopped for good: " + why);
            return;
        }
        if (recovery == Recovery.IDENTIFY) {
            forgetSession();
        }
        Duration delay = plannedDelay != null ? plannedDelay : backoff.nextDelay(clock.instant());
        states.moveTo(
                ShardState.RECONNECTING,
                why + "; " + recovery.name().toLowerCase(java.util.Locale.ROOT) + " in " + delay.toMillis() + " ms");
        reconnectTimer = loop.schedule(
                () -> {
                    reconnectTimer = null;
                    if (states.current() == ShardState.RECONNECTING) {
                        states.moveTo(ShardState.CONNECTING, "reconnecting");
                        openConnection();
                    }
                },
                delay.toNanos(),
                TimeUnit.NANOSECONDS);
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

    private void drainCommands() {
        ShardConnection conn = connection;
        if (conn != null && states.current() == ShardState.READY) {
            commands.drain(conn, clock.instant());
        }
    }

    private void resumeReadingOnLoop() {
        ShardConnection conn = connection;
        if (conn != null && states.current() != ShardState.STOPPING) {
            conn.resumeReading();
        }
    }

    /** Stops timers and pending work before a stop or hand-off; returns the live connection, if any. */
    @Nullable
    ShardConnection quiesce(String reason) {
        ScheduledFuture<?> timer = reconnectTimer;
        if (timer != null) {
            timer.cancel(false);
            reconnectTimer = null;
        }
        cancelIdentifySlot();
        commands.failAll(reason);
        return connection;
    }

    private void cancelIdentifySlot() {
        CompletableFuture<Void> slot = identifySlot;
        if (slot != null) {
            slot.cancel(false);
            identifySlot = null;
        }
    }
}
