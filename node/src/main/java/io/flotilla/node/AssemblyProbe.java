package io.flotilla.node;

import io.flotilla.cluster.coordinator.CoordinatorView;
import io.flotilla.cluster.status.ClusterControl;
import io.flotilla.cluster.status.ClusterSnapshot;
import io.flotilla.cluster.status.ControlResult;
import io.flotilla.gateway.Shard;
import io.flotilla.gateway.ShardState;
import io.flotilla.node.http.GuildArrivals;
import io.flotilla.node.http.NodeProbe;
import io.flotilla.node.http.ReadinessFacts;
import io.flotilla.node.http.SnapshotCache;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The running node as the HTTP routes see it: readiness facts from the coordinator's view, the shards' states and
 * the guild arrivals; the cluster snapshot through a {@link SnapshotCache}; the admin drain of this node through the
 * coordinator's drain (at once; the node stays up with no shards), and a drain of another node or a move through
 * {@link ClusterControl} (checked against a fresh snapshot, then carried out by that node or the leader).
 *
 * <p>Thread-safe: reads volatile views and concurrent maps; every Redis read or write runs on the given executor
 * (one thread of its own, never the HTTP loop); the drain of this node hands its work to the coordinator's loop.
 */
final class AssemblyProbe implements NodeProbe {
    private final String nodeName;
    private final String nodeId;
    private final ClusterCoordination coordination;
    private final NodeShardHost host;
    private final GuildArrivals guilds;
    private final SnapshotCache snapshots;
    private final ClusterControl control;
    private final Executor redisWork;
    private final AtomicBoolean draining = new AtomicBoolean();

    AssemblyProbe(
            String nodeName,
            String nodeId,
            ClusterCoordination coordination,
            NodeShardHost host,
            GuildArrivals guilds,
            SnapshotCache snapshots,
            ClusterControl control,
            Executor redisWork) {
        this.nodeName = nodeName;
        this.nodeId = nodeId;
        this.coordination = coordination;
        this.host = host;
        this.guilds = guilds;
        this.snapshots = snapshots;
        this.control = control;
        this.redisWork = redisWork;
    }

    /** The node began draining (a stop or the admin API): /ready says so at once, before the next round. */
    void draining() {
        draining.set(true);
    }

    @Override
    public ReadinessFacts readiness() {
        CoordinatorView view = coordination.view();
        Map<Integer, ShardState> states = new HashMap<>();
        for (Map.Entry<Integer, Shard> shard : host.shards().entrySet()) {
            states.put(shard.getKey(), shard.getValue().state());
        }
        boolean joined = view.members().stream().anyMatch(member -> member.id().equals(view.nodeId()));
        return new ReadinessFacts(
                joined,
                draining.get() || view.draining(),
                view.shardCount(),
                view.assignment().size(),
                view.assignment().shardsOf(view.nodeId()),
                states,
                guilds.pending());
    }

    @Override
    public CompletionStage<ClusterSnapshot> cluster() {
        return snapshots.get();
    }

    @Override
    public CompletionStage<ControlResult> drain(Optional<String> node) {
        if (node.isPresent() && !node.get().equals(nodeName) && !node.get().equals(nodeId)) {
            return onRedisThread(() -> control.drain(node.get()));
        }
        boolean already = draining.getAndSet(true) || coordination.view().draining();
        coordination.drain();
        return CompletableFuture.completedFuture(
                already
                        ? new ControlResult(ControlResult.Outcome.ALREADY_DONE, nodeName + " is already draining")
                        : new ControlResult(
                                ControlResult.Outcome.REQUESTED,
                                nodeName + " drains: its shards move to other nodes by hand-off; it stays up with"
                                        + " none"));
    }

    @Override
    public CompletionStage<ControlResult> move(int shard, String node) {
        return onRedisThread(() -> control.move(shard, node));
    }

    private CompletionStage<ControlResult> onRedisThread(Supplier<ControlResult> action) {
        try {
            return CompletableFuture.supplyAsync(action, redisWork);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("the node is stopping", e));
        }
    }
}
