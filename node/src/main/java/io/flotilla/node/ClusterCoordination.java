package io.flotilla.node;

import io.flotilla.cluster.coordinator.Coordinator;
import io.flotilla.cluster.coordinator.CoordinatorConfig;
import io.flotilla.cluster.coordinator.CoordinatorThreads;
import io.flotilla.cluster.coordinator.CoordinatorView;
import io.flotilla.cluster.coordinator.ShardCountMismatchException;
import io.flotilla.cluster.coordinator.ShardHost;
import io.flotilla.cluster.membership.NodeRecord;
import io.flotilla.worker.Keys;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.CompletionStage;

/**
 * Every call the node makes to the cluster's coordination, in one place: the {@link Coordinator} (membership, the
 * leader lease and the assignment, this node's shard leases, driving the {@link ShardHost}) on its own threads.
 *
 * <p>Threading: the coordinator owns its state on its threads; these methods may be called from any thread.
 */
final class ClusterCoordination implements AutoCloseable {
    private final CoordinatorThreads threads;
    private final Coordinator coordinator;

    ClusterCoordination(
            RedisClient client,
            Keys keys,
            NodeRecord self,
            int shardCount,
            int expectedNodes,
            NodeTuning tuning,
            ShardHost host,
            InstantSource clock) {
        CoordinatorConfig config = CoordinatorConfig.defaults(shardCount)
                .withTiming(
                        tuning.tick(),
                        CoordinatorConfig.defaults(shardCount).coldStartDelay(),
                        tuning.leases(),
                        tuning.membership())
                .withExpectedNodes(expectedNodes);
        this.threads = CoordinatorThreads.create("flotilla-coordinator");
        this.coordinator = new Coordinator(config, keys, self, client::connect, host, clock, threads);
    }

    /**
     * Joins the group: waits until Redis answers, then the loop runs.
     *
     * @throws FatalNodeException when the cluster runs another shard count
     */
    void start() {
        try {
            coordinator.start();
        } catch (ShardCountMismatchException e) {
            throw new FatalNodeException(String.valueOf(e.getMessage()));
        }
    }

    /** A graceful stop begins: this node's shards move away by hand-off (RESUME elsewhere). */
    void drain() {
        coordinator.drain();
    }

    /** True once this node runs nothing, false when {@code grace} passed first. */
    CompletionStage<Boolean> awaitDrained(Duration grace) {
        return coordinator.awaitDrained(grace);
    }

    /** The cluster as this node sees it (for status and metrics). */
    CoordinatorView view() {
        return coordinator.view();
    }

    /** Stops the loop, hands leadership over, releases every lease still held, leaves the group. */
    @Override
    public void close() {
        coordinator.close();
        threads.close();
    }
}
