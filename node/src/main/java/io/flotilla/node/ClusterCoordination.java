package io.flotilla.node;

import io.flotilla.cluster.coordinator.ShardHost;
import io.flotilla.cluster.lease.EpochRegressedException;
import io.flotilla.cluster.lease.EpochWatch;
import io.flotilla.cluster.lease.LeaderLease;
import io.flotilla.cluster.lease.LeaderTerm;
import io.flotilla.cluster.lease.LeadershipListener;
import io.flotilla.cluster.lease.LossReason;
import io.flotilla.cluster.lease.ShardFence;
import io.flotilla.cluster.lease.ShardLeaseListener;
import io.flotilla.cluster.lease.ShardLeases;
import io.flotilla.cluster.membership.Membership;
import io.flotilla.worker.Keys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every call the node makes to the cluster's coordination, in one place: the leader lease, the shard leases (a
 * lost lease fences its shard on the {@link ShardHost} at once) and the coordinator loop. MERGE NOTE: the loop is
 * {@link InterimCoordinator} until {@code io.flotilla.cluster.coordinator.Coordinator} lands; only its
 * construction here changes ({@code new Coordinator(..., new CoordinatorConfig(shardCount, maxMovesPerRound,
 * tick), host, ...)}), the four calls below keep their names.
 *
 * <p>Threading: the leases run on one single-threaded scheduler, the coordinator loop on another (it waits for
 * lease calls); the methods may be called from any thread.
 */
final class ClusterCoordination implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterCoordination.class);

    private final StatefulRedisConnection<String, String> leaderConnection;
    private final StatefulRedisConnection<String, String> leaseConnection;
    private final LeaderLease leader;
    private final ShardLeases leases;
    private final InterimCoordinator coordinator;

    ClusterCoordination(
            RedisClient client,
            Keys keys,
            String nodeId,
            int shardCount,
            NodeTuning tuning,
            ShardHost host,
            Membership membership,
            InstantSource clock,
            ScheduledExecutorService leaseLoop,
            ScheduledExecutorService coordinatorLoop) {
        EpochWatch epochs = new EpochWatch();
        // A WAIT blocks the connection it runs on: the leader and the shard leases each get their own.
        this.leaderConnection = client.connect();
        this.leaseConnection = client.connect();
        this.leader = new LeaderLease(
                leaderConnection, keys, nodeId, tuning.leases(), clock, leaseLoop, epochs, new LeadershipListener() {
                    @Override
                    public void elected(LeaderTerm term, Instant deadline) {
                        LOG.info("this node leads group {} (epoch {})", keys.group(), term.epoch());
                    }

                    @Override
                    public void lost(LeaderTerm term, LossReason reason) {
                        LOG.info("this node no longer leads (epoch {}): {}", term.epoch(), reason);
                    }
                });
        this.leases = new ShardLeases(
                leaseConnection, keys, nodeId, tuning.leases(), clock, leaseLoop, epochs, new ShardLeaseListener() {
                    @Override
                    public void lost(int shard, ShardFence fence, LossReason reason) {
                        if (reason != LossReason.RELEASED) {
                            host.fence(shard, "its lease ended (" + reason + ")");
                        }
                    }

                    @Override
                    public void stateLost(EpochRegressedException cause) {
                        host.running().forEach(shard -> host.fence(shard, "Redis lost state: " + cause.getMessage()));
                    }
                });
        this.coordinator = new InterimCoordinator(shardCount, tuning.tick(), host, leases, membership, coordinatorLoop);
    }

    void start() {
        leases.start();
        leader.start();
        coordinator.start();
    }

    /** A graceful stop begins: this node's shards move away by hand-off (RESUME elsewhere). */
    void drain() {
        coordinator.drain();
    }

    /** True once this node runs nothing, false when {@code grace} passed first. */
    CompletionStage<Boolean> awaitDrained(Duration grace) {
        return coordinator.awaitDrained(grace);
    }

    /** Stops the loop, hands leadership over and releases every lease still held. */
    @Override
    public void close() {
        coordinator.close();
        leader.close();
        leases.close();
        leaderConnection.close();
        leaseConnection.close();
    }
}
