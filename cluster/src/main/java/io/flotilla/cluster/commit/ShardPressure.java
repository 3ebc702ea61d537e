package io.flotilla.cluster.commit;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Whether one shard must stop reading: too many of its dispatches wait (pause at {@code pauseAbove}, read again
 * below {@code resumeBelow}), or the whole node is blocked (the node-wide byte budget is spent, or a lane cannot
 * reach Redis: then every shard stops, idle or not). Tells {@link Backpressure} on each change only.
 *
 * <p>Thread-safe: evaluated on shard and lane threads; a short lock orders the changes.
 */
final class ShardPressure {
    private final int pauseAbove;
    private final int resumeBelow;
    private final BooleanSupplier nodeBlocked;
    private final Backpressure backpressure;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean paused; // written under lock

    ShardPressure(int pauseAbove, int resumeBelow, BooleanSupplier nodeBlocked, Backpressure backpressure) {
        this.pauseAbove = pauseAbove;
        this.resumeBelow = resumeBelow;
        this.nodeBlocked = nodeBlocked;
        this.backpressure = backpressure;
    }

    boolean paused() {
        return paused;
    }

    /** Re-decides from the shard's waiting count and the node's state; signals only on a change. */
    void evaluate(long waiting) {
        lock.lock();
        try {
            boolean next = (paused ? waiting >= resumeBelow : waiting >= pauseAbove) || nodeBlocked.getAsBoolean();
            if (next != paused) {
                paused = next;
                backpressure.changed(next);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Cheap check on the hot path: is a full evaluation worth it? */
    boolean worthEvaluating(long waiting) {
        return waiting >= pauseAbove || nodeBlocked.getAsBoolean();
    }
}
