package io.flotilla.node;

import io.flotilla.cluster.lease.ShardFence;
import io.flotilla.protocol.ShardId;
import io.flotilla.worker.Keys;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fence this node holds for each shard it runs, as the {@link io.flotilla.cluster.adapter.CommittingDispatchSink}
 * asks for it. A shard without a held fence (fenced, handed off, never started here) gets a token no lease ever
 * holds, so a late batch of it is refused inside Redis rather than committed unfenced.
 *
 * <p>Thread-safe: written by the host, read on lane and shard threads.
 */
final class HeldFences {
    private static final String NOT_HELD = "not-held";

    private final Keys keys;
    private final Map<Integer, ShardFence> held = new ConcurrentHashMap<>();

    HeldFences(Keys keys) {
        this.keys = keys;
    }

    void hold(int shard, ShardFence fence) {
        held.put(shard, fence);
    }

    void drop(int shard) {
        held.remove(shard);
    }

    /** The fence for the shard's batches: the one held, else one Redis always refuses. */
    ShardFence fence(ShardId shard) {
        ShardFence fence = held.get(shard.id());
        return fence != null ? fence : new ShardFence(keys.shardLease(shard.id()), NOT_HELD, 0);
    }
}
