package io.flotilla.gateway;

import io.flotilla.gateway.policy.ReconnectBackoff;
import io.flotilla.protocol.Opcode;
import io.flotilla.protocol.Recovery;
import io.flotilla.protocol.json.ControlData;
import io.flotilla.protocol.json.Envelope;
import io.flotilla.protocol.json.IdentifyPayload;
import io.flotilla.protocol.json.PayloadWriter;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on each payload the server sends (GATEWAY.md sections 5.1 to 5.7): HELLO starts the heartbeat and sends
 * RESUME or, once the {@link IdentifyGate} grants a slot, IDENTIFY; op 1, 11, 7 and 9 are answered per section
 * 5.6; dispatches update the session and go to the sink, pausing the socket when the sink is full. Owned by one
 * {@link ShardDriver}; runs on its event loop.
 */
// Control payload writes are fire-and-forget (a failed write surfaces as a closed connection), and the identify
// slot's whenComplete stage only hops back to the loop; nothing waits on those futures.
@SuppressWarnings("FutureReturnValueIgnored")
final class ShardPayloads {
    private static final Logger LOG = LoggerFactory.getLogger(ShardPayloads.class);

    private final ShardDriver driver;
    private final ShardConfig config;
    private final ShardPorts ports;
    private final ShardSession session;
    private final ShardStateMachine states;
    private final ReconnectBackoff backoff;
    private final EventLoop loop;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final Runnable resumeReading;
    private @Nullable CompletableFuture<Void> identifySlot;

    ShardPayloads(
            ShardDriver driver,
            ShardConfig config,
            ShardPorts ports,
            ShardSession session,
            ShardStateMachine states,
            ReconnectBackoff backoff,
            EventLoop loop,
            InstantSource clock,
            RandomGenerator random) {
        this.driver = driver;
        this.config = config;
        this.ports = ports;
        this.session = session;
        this.states = states;
        this.backoff = backoff;
        this.loop = loop;
        this.clock = clock;
        this.random = random;
        this.resumeReading = () -> loop.execute(driver::resumeReading);
    }

    void handle(ShardConnection conn, Envelope envelope, boolean resumingConnection) {
        Opcode op = Opcode.fromCode(envelope.op());
        if (op == null) {
            LOG.debug("shard {} ignores undocumented op {}", config.shard(), envelope.op());
            return;
        }
        switch (op) {
            case HELLO -> onHello(conn, envelope, resumingConnection);
            case HEARTBEAT -> conn.heartbeatNow();
            case HEARTBEAT_ACK -> conn.ackReceived();
            case RECONNECT ->
                conn.closeWith(ShardConnection.RECONNECT_CLOSE, "op 7 reconnect", Recovery.RESUME, Duration.ZERO);
            case INVALID_SESSION -> onInvalidSession(conn, envelope.dataIsTrue());
            case DISPATCH -> onDispatch(conn, envelope);
            default -> LOG.debug("shard {} ignores op {} from the server", config.shard(), op);
        }
    }

    private void onHello(ShardConnection conn, Envelope hello, boolean resumingConnection) {
        if (states.current() != ShardState.CONNECTING) {
            return;
        }
        conn.startHeartbeat(Duration.ofMillis(ControlData.heartbeatInterval(hello)), random.nextDouble());
        String id = session.id();
        if (resumingConnection && id != null) {
            states.moveTo(ShardState.RESUMING, "HELLO; resuming session at seq " + session.seq());
            conn.send(PayloadWriter.resume(config.token().value(), id, Math.max(session.seq(), 0)));
            return;
        }
        session.forget();
        states.moveTo(ShardState.IDENTIFYING, "HELLO; waiting for an identify slot");
        LOG.debug("shard {} asking the gate for an identify slot", config.shard());
        CompletableFuture<Void> slot = ports.identifyGate().acquire(config.shard());
        identifySlot = slot;
        slot.whenComplete((ok, error) -> loop.execute(() -> onIdentifySlot(conn, error)));
    }

    private void onIdentifySlot(ShardConnection conn, @Nullable Throwable error) {
        identifySlot = null;
        if (!driver.isCurrent(conn) || states.current() != ShardState.IDENTIFYING) {
            return;
        }
        if (error != null) {
            LOG.warn("shard {} identify gate failed; reconnecting", config.shard(), error);
            conn.closeWith(ShardConnection.RECONNECT_CLOSE, "identify gate failed", Recovery.IDENTIFY, null);
            return;
        }
        LOG.debug("shard {} sending IDENTIFY", config.shard());
        conn.send(PayloadWriter.identify(new IdentifyPayload(
                config.token().value(),
                config.intents(),
                config.shard(),
                config.libraryName(),
                config.largeThreshold(),
                config.presenceJson())));
    }

    void cancelIdentifySlot() {
        CompletableFuture<Void> slot = identifySlot;
        if (slot != null) {
            slot.cancel(false);
            identifySlot = null;
        }
    }

    private void onInvalidSession(ShardConnection conn, boolean resumable) {
        if (resumable && session.id() != null) {
            conn.closeWith(ShardConnection.RECONNECT_CLOSE, "op 9 (resumable)", Recovery.RESUME, Duration.ZERO);
            return;
        }
        ShardTimings t = config.timings();
        long spread = t.invalidSessionMax().toMillis() - t.invalidSessionMin().toMillis();
        Duration delay = t.invalidSessionMin().plusMillis((long) (random.nextDouble() * spread));
        session.forget();
        conn.closeWith(
                ShardConnection.RECONNECT_CLOSE, "op 9: session invalid; identifying again", Recovery.IDENTIFY, delay);
    }

    private void onDispatch(ShardConnection conn, Envelope envelope) {
        session.sequence(envelope);
        String type = envelope.type();
        if (type == null) {
            LOG.debug("shard {} ignores a dispatch without t", config.shard());
            return;
        }
        ShardState state = states.current();
        if ("READY".equals(type) && state == ShardState.IDENTIFYING) {
            session.started(ControlData.ready(envelope));
            sessionLive("READY");
        } else if ("RESUMED".equals(type) && state == ShardState.RESUMING) {
            sessionLive("RESUMED");
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
        if (!ports.sink().offer(dispatch, resumeReading)) {
            conn.pauseReading();
        }
    }

    private void sessionLive(String event) {
        states.moveTo(ShardState.READY, event);
        backoff.sessionStarted(clock.instant());
        session.save();
        driver.sessionLive();
    }
}
