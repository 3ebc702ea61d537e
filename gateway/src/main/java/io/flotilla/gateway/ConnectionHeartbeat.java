package io.flotilla.gateway;

import io.flotilla.gateway.policy.ConnectionEnd;
import io.flotilla.gateway.policy.HeartbeatMonitor;
import io.flotilla.protocol.Recovery;
import io.flotilla.protocol.json.PayloadWriter;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heartbeat of one connection (GATEWAY.md section 5.2): a timer on the connection's event loop that sends
 * op 1 with the shard's last seq, or closes the connection with a resumable code when the previous beat was never
 * ACKed (zombie). The decisions are {@link HeartbeatMonitor}'s; this class only wires them to the timer and the
 * socket. Owned by one {@link ShardConnection}; runs on its event loop.
 */
// Beats are fire-and-forget writes: a failed one surfaces as a closed connection, which the shard handles.
@SuppressWarnings("FutureReturnValueIgnored")
final class ConnectionHeartbeat {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionHeartbeat.class);

    private final ShardConnection connection;
    private final ConnectionEvents driver;
    private final InstantSource clock;
    private @Nullable HeartbeatMonitor monitor;
    private @Nullable ScheduledFuture<?> timer;

    ConnectionHeartbeat(ShardConnection connection, ConnectionEvents driver, InstantSource clock) {
        this.connection = connection;
        this.driver = driver;
        this.clock = clock;
    }

    /** True once HELLO started the heartbeat. */
    boolean started() {
        return monitor != null;
    }

    /** First beat after interval × jitter, then every interval (section 14 item 1). */
    void start(EventLoop loop, Duration interval, double jitter) {
        if (timer != null) {
            return;
        }
        HeartbeatMonitor beats = new HeartbeatMonitor(interval);
        monitor = beats;
        timer = loop.scheduleAtFixedRate(
                this::onTimer, beats.firstDelay(jitter).toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void onTimer() {
        HeartbeatMonitor beats = monitor;
        if (beats == null || connection.closing()) {
            return;
        }
        switch (beats.onTimer(clock.instant(), connection.readingPaused())) {
            case ZOMBIE -> {
                LOG.warn(
                        "shard {} zombie connection: no heartbeat ACK since the last beat; resuming", driver.shardId());
                driver.zombie();
                connection.closeWith(
                        ShardConnection.RECONNECT_CLOSE,
                        ConnectionEnd.planned("zombie: no heartbeat ACK", Recovery.RESUME, null, null));
            }
            case SEND -> connection.send(PayloadWriter.heartbeat(driver.seq()));
            case WAIT ->
                LOG.debug("shard {} heartbeat timer fired early (a late run catching up); waiting", driver.shardId());
        }
    }

    /** The server asked for a heartbeat (op 1): send one at once, timer unchanged (section 5.2). */
    void beatNow() {
        HeartbeatMonitor beats = monitor;
        if (beats != null) {
            beats.beatSent(clock.instant());
        }
        connection.send(PayloadWriter.heartbeat(driver.seq()));
    }

    void ackReceived() {
        HeartbeatMonitor beats = monitor;
        if (beats != null) {
            beats.ackReceived(clock.instant());
            Duration latency = beats.latency();
            if (latency != null) {
                driver.latencyMeasured(latency);
            }
        }
    }

    void readingPaused() {
        HeartbeatMonitor beats = monitor;
        if (beats != null) {
            beats.readingPaused();
        }
    }

    void stop() {
        ScheduledFuture<?> running = timer;
        if (running != null) {
            running.cancel(false);
        }
    }
}
