package io.flotilla.gateway;

import io.flotilla.gateway.policy.ReconnectBackoff;
import io.flotilla.gateway.policy.ResumeFallback;
import io.flotilla.protocol.CloseCode;
import io.flotilla.protocol.Recovery;
import io.flotilla.protocol.ShardId;
import io.flotilla.protocol.json.Envelope;
import io.flotilla.protocol.json.EnvelopeDecoder;
import io.flotilla.protocol.json.GatewayCommand;
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
    private final ShardStateMachine states;
    private final ReconnectBackoff backoff;
    private final EnvelopeDecoder decoder = new EnvelopeDecoder();
    private final CommandQueue commands;
    private final ShardEnding ending;
    private final ShardSession session;
    private final ShardPayloads payloads;
    private volatile @Nullable Duration latency;
    private @Nullable ShardConnection connection;
    private final ResumeFallback resumeFallback = new ResumeFallback();
    private boolean resumingConnection;
    private @Nullable ScheduledFuture<?> reconnectTimer;

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
        this.states = states;
        ShardTimings t = config.timings();
        this.backoff = new ReconnectBackoff(t.backoffBase(), t.backoffMax(), t.healthyAfter(), random);
        this.commands = new CommandQueue(t.commandQueueCapacity(), loop, this::drainCommands);
        this.session = new ShardSession(config.shard(), ports.sessionStore());
        this.ending = new ShardEnding(this, session, states, ports, loop);
        this.payloads = new ShardPayloads(this, config, ports, session, states, backoff, loop, clock, random);
    }

    ShardId shardId() {
        return config.shard();
    }

    long seq() {
        return session.seq();
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
        return session.snapshot();
    }

    boolean isCurrent(ShardConnection conn) {
        return conn == connection;
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
                    } else {
                        session.adopt(stored);
                    }
                    openConnection();
                }));
    }

    private void openConnection() {
        if (states.current() != ShardState.CONNECTING) {
            return;
        }
        String url = session.resumeUrl();
        resumingConnection = url != null;
        String base = url != null ? url : config.gatewayUrl().toString();
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
        if (conn == connection) {
            payloads.handle(conn, envelope, resumingConnection);
        }
    }

    void onClosed(ShardConnection conn) {
        if (conn != connection) {
            return;
        }
        connection = null;
        payloads.cancelIdentifySlot();
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

    private void afterConnection(String reason, Recovery decided, @Nullable Duration plannedDelay) {
        String why = reason;
        Recovery recovery = decided;
        if (states.current() == ShardState.STOPPING) {
            ending.finish();
            return;
        }
        if (recovery == Recovery.STOP) {
            ending.fail("shard " + config.shard() + " stopped for good: " + why);
            return;
        }
        Recovery next =
                resumeFallback.afterConnection(resumingConnection, states.current() == ShardState.READY, recovery);
        if (next != recovery) {
            why += "; " + ResumeFallback.MAX_FAILED_RESUMES + " resume attempts failed";
            recovery = next;
        }
        if (recovery == Recovery.IDENTIFY) {
            session.forget();
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

    /** The session is live again (READY or RESUMED). */
    void sessionLive() {
        resumeFallback.sessionLive();
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

    /** Stops timers and pending work before a stop or hand-off; returns the live connection, if any. */
    @Nullable
    ShardConnection quiesce(String reason) {
        ScheduledFuture<?> timer = reconnectTimer;
        if (timer != null) {
            timer.cancel(false);
            reconnectTimer = null;
        }
        payloads.cancelIdentifySlot();
        commands.failAll(reason);
        return connection;
    }
}
