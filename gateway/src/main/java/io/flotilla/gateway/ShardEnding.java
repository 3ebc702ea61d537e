package io.flotilla.gateway;

import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a shard ends: a shutdown (close 1000, the session dies; GATEWAY.md section 5.8), a hand-off (stop reading,
 * let the sink commit, close with a resumable code and report the session for the next owner) or a failure (a
 * fatal close code; no retry). Owned by one {@link ShardDriver}; runs on its event loop.
 */
final class ShardEnding {
    private static final Logger LOG = LoggerFactory.getLogger(ShardEnding.class);

    private final ShardDriver driver;
    private final ShardSession session;
    private final ShardStateMachine states;
    private final ShardPorts ports;
    private final EventLoop loop;
    private final CompletableFuture<ShardState> terminated = new CompletableFuture<>();
    private @Nullable CompletableFuture<StoredSession> handOff;
    private @Nullable StoredSession handedOff;
    private boolean waitingForSink;
    private boolean socketClosed;
    private volatile @Nullable String failure;

    ShardEnding(ShardDriver driver, ShardSession session, ShardStateMachine states, ShardPorts ports, EventLoop loop) {
        this.driver = driver;
        this.session = session;
        this.states = states;
        this.ports = ports;
        this.loop = loop;
    }

    CompletableFuture<ShardState> terminated() {
        return terminated;
    }

    @Nullable
    String failure() {
        return failure;
    }

    void stop() {
        ShardState state = states.current();
        if (state.isFinal() || state == ShardState.STOPPING) {
            return;
        }
        ShardConnection conn = driver.quiesce("the shard was stopped");
        states.moveTo(ShardState.STOPPING, "shutdown requested; closing with 1000, which ends the session");
        session.forget();
        if (conn != null) {
            conn.closeWith(1000, "shutdown", null, null);
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
        socketClosed = conn == null;
        if (conn != null) {
            conn.pauseReading();
        }
        waitingForSink = true;
        ports.sink()
                .flush(driver.shardId())
                .whenComplete((ok, error) -> loop.execute(() -> {
                    if (error != null) {
                        LOG.warn(
                                "shard {} sink failed to commit before the hand-off; the next owner may miss events",
                                driver.shardId(),
                                error);
                    }
                    waitingForSink = false;
                    handedOff = session.snapshot();
                    session.save();
                    if (conn != null && !socketClosed) {
                        conn.closeWith(ShardConnection.HAND_OFF_CLOSE, "handing off to another node", null, null);
                    } else {
                        finish();
                    }
                }));
    }

    /** The socket is closed (or there was none) while STOPPING. */
    void finish() {
        socketClosed = true;
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

    /** A fatal close code: no retry (GATEWAY.md section 14 item 7). */
    void fail(String why) {
        failure = why;
        LOG.error(why);
        driver.quiesce(why);
        states.moveTo(ShardState.FAILED, why);
        CompletableFuture<StoredSession> pending = handOff;
        if (pending != null) {
            pending.completeExceptionally(new IllegalStateException(why));
        }
        terminated.complete(ShardState.FAILED);
    }
}
