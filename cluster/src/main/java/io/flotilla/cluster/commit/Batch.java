package io.flotilla.cluster.commit;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A sealed run of one shard's dispatches, committed in one transaction. Its future completes with the last
 * seq once EXEC succeeded (or the lane found it already committed), and fails only when the committer closes
 * before committing it.
 *
 * <p>Built on the shard's thread, then owned by its lane.
 */
final class Batch {
    final ShardBatcher shard;
    final List<Dispatch> dispatches;
    final boolean touchesCache;
    final CompletableFuture<Long> committed = new CompletableFuture<>();

    Batch(ShardBatcher shard, List<Dispatch> dispatches, boolean touchesCache) {
        this.shard = shard;
        this.dispatches = dispatches;
        this.touchesCache = touchesCache;
    }

    Dispatch last() {
        return dispatches.get(dispatches.size() - 1);
    }

    boolean isDone() {
        return committed.isDone();
    }
}
