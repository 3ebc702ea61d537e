package io.flotilla.cluster.lease;

import io.flotilla.cluster.ClusterException;
import java.time.Instant;

/**
 * What {@link ShardLeases} tells the node about the leases it holds. Called on the leases' scheduler thread;
 * keep it short. On {@link #lost} the shard must self-fence at once: stop reading and close with a resumable
 * code (its commits are refused by Redis anyway once another owner holds the lease).
 */
public interface ShardLeaseListener {
    /** The lease on {@code shard} ended; {@code fence} no longer protects anything. */
    void lost(int shard, ShardFence fence, LossReason reason);

    /** A renewal failed (Redis unreachable); the lease holds until {@code deadline} unless a renewal lands. */
    default void renewalFailed(int shard, ShardFence fence, Instant deadline, ClusterException cause) {}

    /** Redis lost state (the epoch counter went backwards): every lease was ended ({@link LossReason#STATE_LOST}). */
    default void stateLost(EpochRegressedException cause) {}
}
