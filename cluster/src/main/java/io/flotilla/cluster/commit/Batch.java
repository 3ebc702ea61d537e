package io.flotilla.cluster.commit;

import java.util.List;

/**
 * A run of one shard's dispatches taken by its lane, committed in one transaction.
 *
 * <p>Created and owned by the lane thread.
 */
final class Batch {
    final ShardBatcher shard;
    final List<Dispatch> dispatches;
    /** How many dispatches the shard had added when this batch's last one was added; for flush waiters. */
    final long endCount;

    boolean done;

    Batch(ShardBatcher shard, List<Dispatch> dispatches, long endCount) {
        this.shard = shard;
        this.dispatches = dispatches;
        this.endCount = endCount;
    }

    Dispatch last() {
        return dispatches.get(dispatches.size() - 1);
    }

    boolean isDone() {
        return done;
    }
}
