package io.flotilla.gateway;

import io.flotilla.gateway.policy.ConnectionEnd;
import io.flotilla.gateway.policy.HeartbeatMonitor;
import io.flotilla.protocol.Recovery;
import io.flotilla.protocol.json.PayloadWriter;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heartbeat of one connection (GATEWAY.md section 5.2): a timer on the connection's event loop that sends
 * op 1 with the shard's last seq, or closes the connection with a resumable code when a beat went unanswered for
 * an interval (zombie), and the receipt beats that prove commands were read ({@link CommandReceipts}). The
 * decisions are {@link HeartbeatMonitor}'s and {@link CommandReceipts}'; this class only wires them to the timers
 * and the socket. Owned by one {@link ShardConnection}; runs on its event loop.
 */
// Beats are fire-and-forget writes: a failed one surfaces as a closed connection, which the shard handles.
@SuppressWarnings("FutureReturnValueIgnored")
final class ConnectionHeartbeat {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionHeartbeat.class);

    private final ShardConnection connection;
    private final ConnectionEvents driver;
    private final InstantSource clock;
    private final CommandReceipts receipts;
    private @Nullable HeartbeatMonitor monitor;
    private @Nullable EventLoop loop;
    private @Nullable ScheduledFuture<?> timer;
    private @Nullable ScheduledFuture<?> receiptTimer;

    ConnectionHeartbeat(
            ShardConnection connection, ConnectionEvents driver, InstantSource clock, Duration receiptInterval) {
        this.connection = connection;
        this.driver = driver;
        this.clock = clock;
        this.receipts = new CommandReceipts(receiptInterval);
    }

    CommandReceipts receipts() {
        return receipts;
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
        this.loop = loop;
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
                        "shard {} zombie connection: a heartbeat unanswered for an interval; resuming",
                        driver.shardId());
                driver.zombie();
                connection.closeWith(
                        ShardConnection.RECONNECT_CLOSE,
                        ConnectionEnd.planned("zombie: no heartbeat ACK", Recovery.RESUME, null, null));
            }
            case SEND -> beat();
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
        beat();
    }

    private void beat() {
        if (connection.send(PayloadWriter.heartbeat(driver.seq())) != null) {
            receipts.beatWritten();
        }
    }

    /** A command went into the socket: its future completes once a later beat is ACKed (or the close echoed). */
    void commandWritten(CompletableFuture<Void> done) {
        receipts.written(done);
        scheduleReceipt();
    }

    /**
     * Schedules the receipt beat when one is wanted; never sooner than the end of the current task, so one beat
     * covers a whole burst written by one drain.
     */
    private void scheduleReceipt() {
        EventLoop on = loop;
        Duration wait = receipts.receiptBeatIn(clock.instant());
        if (receiptTimer != null || on == null || wait == null) {
            return;
        }
        receiptTimer = on.schedule(this::receiptBeat, wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void receiptBeat() {
        receiptTimer = null;
        HeartbeatMonitor beats = monitor;
        Instant now = clock.instant();
        Duration wait = receipts.receiptBeatIn(now);
        if (beats == null || connection.closing() || wait == null) {
            return;
        }
        if (!wait.isZero()) {
            scheduleReceipt();
            return;
        }
        if (connection.send(PayloadWriter.heartbeat(driver.seq())) != null) {
            beats.extraBeatSent(now);
            receipts.receiptBeatWritten(now);
        }
    }

    /** The connection ended: what it wrote and Discord's reading of which is unproven fails. */
    void connectionEnded(String how) {
        receipts.connectionEnded(how);
    }

    void ackReceived() {
        receipts.ackReceived();
        scheduleReceipt();
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
        ScheduledFuture<?> receipt = receiptTimer;
        if (receipt != null) {
            receipt.cancel(false);
            receiptTimer = null;
        }
    }
}
