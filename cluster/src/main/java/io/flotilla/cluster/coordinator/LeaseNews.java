package io.flotilla.cluster.coordinator;

import io.flotilla.cluster.lease.EpochRegressedException;
import io.flotilla.cluster.lease.LeaderTerm;
import io.flotilla.cluster.lease.LeadershipListener;
import io.flotilla.cluster.lease.LossReason;
import io.flotilla.cluster.lease.ShardFence;
import io.flotilla.cluster.lease.ShardLeaseListener;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the leases tell the coordinator between rounds. A lost shard lease is fenced at once, on the leases' thread,
 * without waiting for the loop: the shard must stop by its lease's deadline. A state loss (Redis forgot the epochs,
 * {@link EpochRegressedException}) from either lease owner sets a flag the next round takes and skips on. The
 * leader lease's elections and losses are ignored: the loop reads the term itself each round.
 *
 * <p>Owns the state-lost flag (atomic: set on the leader and leases threads, taken on the loop thread).
 */
final class LeaseNews {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseNews.class);

    private final ShardHost host;
    private final AtomicBoolean stateLost = new AtomicBoolean();

    LeaseNews(ShardHost host) {
        this.host = host;
    }

    /** The leader lease's listener. */
    LeadershipListener leadership() {
        return new LeadershipListener() {
            @Override
            public void elected(LeaderTerm term, Instant deadline) {}

            @Override
            public void lost(LeaderTerm term, LossReason reason) {}

            @Override
            public void stateLost(EpochRegressedException cause) {
                stateLost.set(true);
            }
        };
    }

    /** The shard leases' listener. */
    ShardLeaseListener shardLeases() {
        return new ShardLeaseListener() {
            @Override
            public void lost(int shard, ShardFence fence, LossReason reason) {
                if (reason != LossReason.RELEASED) {
                    LOG.warn("shard {} lost its lease (epoch {}, {}): fencing it", shard, fence.epoch(), reason);
                    host.fence(shard, "its lease was lost (" + reason + ")");
                }
            }

            @Override
            public void stateLost(EpochRegressedException cause) {
                stateLost.set(true);
            }
        };
    }

    /** True once after Redis lost state; clears the flag. */
    boolean takeStateLost() {
        return stateLost.getAndSet(false);
    }

    /** True when Redis lost state since the last {@link #takeStateLost}; leaves the flag set. */
    boolean stateLost() {
        return stateLost.get();
    }
}
