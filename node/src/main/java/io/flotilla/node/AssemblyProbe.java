package io.flotilla.node;

import io.flotilla.cluster.coordinator.CoordinatorView;
import io.flotilla.gateway.Shard;
import io.flotilla.gateway.ShardState;
import io.flotilla.node.http.GuildArrivals;
import io.flotilla.node.http.NodeProbe;
import io.flotilla.node.http.ReadinessFacts;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The running node as the HTTP routes see it: readiness facts from the coordinator's view, the shards' states and
 * the guild arrivals; the admin drain of this node through the coordinator's drain (the node stays up with no
 * shards). Draining or moving for another node needs the cluster's control API and is refused until it is wired.
 *
 * <p>Thread-safe: reads volatile views and concurrent maps; the drain hands its work to the coordinator's loop.
 */
final class AssemblyProbe implements NodeProbe {
    private final String nodeName;
    private final ClusterCoordination coordination;
    private final NodeShardHost host;
    private final GuildArrivals guilds;
    private final AtomicBoolean draining = new AtomicBoolean();

    AssemblyProbe(String nodeName, ClusterCoordination coordination, NodeShardHost host, GuildArrivals guilds) {
        this.nodeName = nodeName;
        this.coordination = coordination;
        this.host = host;
        this.guilds = guilds;
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
    public CompletionStage<String> drain(Optional<String> node) {
        if (node.isPresent() && !node.get().equals(nodeName)) {
            return CompletableFuture.failedFuture(new UnsupportedOperationException(
                    "draining another node (" + node.get() + ") is not wired yet; ask that node's own /admin/drain"));
        }
        draining();
        coordination.drain();
        return CompletableFuture.completedFuture(
                nodeName + " drains: its shards move to other nodes by hand-off; it stays up with none");
    }

    @Override
    public CompletionStage<String> move(int shard, String node) {
        return CompletableFuture.failedFuture(
                new UnsupportedOperationException("moving a shard is not wired yet (it needs the cluster's control)"));
    }
}
