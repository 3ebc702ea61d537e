package io.flotilla.gateway;

import io.flotilla.protocol.CloseCode;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a shard ends: a shutdown (close 1000, the session dies; GATEWAY.md section 5.8), a hand-off (stop reading,
 * let the sink commit within the hand-off timeout, close with a resumable code and report the session at the
 * committed seq for the next owner) or a failure (a fatal close code, or its group stopping; no retry). Owned by
 * one {@link ShardDriver}; runs on its event loop.
 */
// The sink's flush and the guard timer only hop back onto the loop; nothing waits on their futures.
@SuppressWarnings("FutureReturnValueIgnored")
final class ShardEnding {
    private static final Logger LOG = LoggerFactory.getLogger(ShardEnding.class);
    /** How long past its own timeout a flush may take before the hand-off goes on without its answer. */
    private static final Duration FLUSH_GRACE = Duration.ofSeconds(1);

    private final ShardDriver driver;
    private final ShardSession session;
    private final ShardStateMachine states;
    private final ShardPorts ports;
    private final EventLoop loop;
    private final Consumer<ShardFailure> onFailure;
    private final CompletableFuture<ShardState> terminated = new CompletableFuture<>();
    private @Nullable CompletableFuture<StoredSession> handOff;
    private @Nullable StoredSession handedOff;
    private boolean waitingForSink;
    private volatile @Nullable ShardFailure failure;

    ShardEnding(
            ShardDriver driver,
            ShardSession session,
            ShardStateMachine states,
            ShardPorts ports,
            EventLoop loop,
            Consumer<ShardFailure> onFailure) {
        this.driver = driver;
        this.session = session;
        this.states = states;
        this.ports = ports;
        this.loop = loop;
        this.onFailure = onFailure;
    }

    CompletableFuture<ShardState> terminated() {
        return terminated;
    }

    @Nullable
    ShardFailure failure() {
        return failure;
    }

    void stop() {
        ShardState state = states.current();
        if (state.isFinal() || state == ShardState.STOPPING) {
            return;
        }
        ShardConnection conn = driver.quiesce("the shard was stopped");
        states.moveTo(ShardState.STOPPING, "shutdown requested; closing with 1000, which ends the session");
        session.end(SessionEnd.Reason.SHUTDOWN);
        if (conn != null) {
            conn.closeForGood(1000, "shutdown");
        } else {
            finish();
        }
    }

    void handOff(CompletableFuture<StoredSession> result) {
        ShardState state = states.current();
        StoredSession current = session.snapshot();
        if (state.isFinal() || state == ShardState.STOPPING || current == null) {
            result.completeExceptionally(new IllegalStateException("shard " + driver.shardId() + " is " + state
                    + (current == null ? " with no session (never READY)" : "")
                    + "; nothing to hand off: stop it and let the next owner identify"));
            return;
        }
        handOff = result;
        ShardConnection conn = driver.quiesce("the shard was handed off");
        states.moveTo(ShardState.STOPPING, "hand-off: reading stopped, waiting for the sink to commit");
        if (conn != null) {
            conn.pauseReading();
        }
        waitingForSink = true;
        Duration timeout = driver.timings().handOffTimeout();
        CompletableFuture<OptionalLong> committed = new CompletableFuture<>();
        ports.sink().flush(driver.shardId(), timeout).whenComplete((seq, error) -> {
            if (error != null) {
                LOG.warn(
                        "shard {} sink failed its flush (it must not); handing over the seq known committed",
                        driver.shardId(),
                        error);
            }
            committed.complete(error == null ? OptionalLong.of(seq) : OptionalLong.empty());
        });
        loop.schedule(
                () -> committed.complete(OptionalLong.empty()),
                timeout.plus(FLUSH_GRACE).toNanos(),
                TimeUnit.NANOSECONDS);
        committed.whenComplete((seq, error) -> loop.execute(() -> handOver(conn, seq)));
    }

    private void handOver(@Nullable ShardConnection conn, OptionalLong flushed) {
        if (flushed.isPresent()) {
            session.committed(flushed.getAsLong());
        } else {
            LOG.warn(
                    "shard {} sink gave no committed seq within the hand-off timeout; handing over seq {}",
                    driver.shardId(),
                    session.committedFloor());
        }
        long seq = flushed.isPresent() ? Math.min(flushed.getAsLong(), session.seq()) : session.committedFloor();
        StoredSession current = session.snapshot();
        waitingForSink = false;
        if (current == null) {
            finish();
            return;
        }
        handedOff = current.withSeq(seq);
        session.save(handedOff);
        if (conn != null && conn.isOpen()) {
            conn.closeForGood(ShardConnection.HAND_OFF_CLOSE, "handing off to another node");
        } else {
            finish();
        }
    }

    /** The socket is closed (or there was none) while STOPPING. */
    void finish() {
        if (waitingForSink || states.current().isFinal()) {
            return;
        }
        states.moveTo(ShardState.STOPPED, handOff != null ? "handed off" : "stopped");
        CompletableFuture<StoredSession> pending = handOff;
        StoredSession last = handedOff;
        if (pending != null && last != null) {
            pending.complete(last);
        }
        terminated.complete(ShardState.STOPPED);
    }

    /**
     * No retry (GATEWAY.md section 14 item 7): a fatal close code ({@code close} non-null), or the shard's group
     * stopping it because another shard got one. A connection still open is closed with a resumable code.
     */
    void fail(String why, @Nullable CloseCode close) {
        if (states.current().isFinal()) {
            return;
        }
        ShardFailure failed = new ShardFailure(driver.shardId(), why, close);
        failure = failed;
        ShardConnection conn = driver.quiesce(why);
        if (conn != null) {
            conn.closeForGood(ShardConnection.RECONNECT_CLOSE, "stopping: fatal error");
        }
        states.moveTo(ShardState.FAILED, why);
        CompletableFuture<StoredSession> pending = handOff;
        if (pending != null) {
            pending.completeExceptionally(new IllegalStateException(why));
        }
        onFailure.accept(failed);
        terminated.complete(ShardState.FAILED);
    }
}
