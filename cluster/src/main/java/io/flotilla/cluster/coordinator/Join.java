package io.flotilla.cluster.coordinator;

import io.flotilla.cluster.membership.NodeRecord;
import io.flotilla.worker.Keys;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks of one attempt to join the group, then the registration: the stored shard count must be this node's
 * unless every node that runs the cluster is gone (the next leader rewrites it then), and no live node may hold this
 * node's id. Stateless; runs on the coordinator's loop thread.
 */
final class Join {
    private static final Logger LOG = LoggerFactory.getLogger(Join.class);

    private Join() {}

    /**
     * Reads the stored shard count and the members, then registers this node's record (its refreshes begin).
     *
     * @param reached called once Redis answered both reads (ends an outage)
     * @throws ShardCountMismatchException when live nodes of the group run another shard count
     * @throws IllegalStateException when a live node already registered this node's id
     * @throws io.flotilla.cluster.ClusterException when Redis failed (try again)
     */
    static void register(Wiring wired, CoordinatorConfig config, Keys keys, NodeRecord self, Runnable reached) {
        Optional<StoredShardCount> count = StoredShardCount.parse(wired.reads().config());
        List<NodeRecord> members = wired.membership().members();
        reached.run();
        if (count.isPresent() && count.get().count() != config.shardCount()) {
            if (members.stream().anyMatch(member -> !member.id().equals(self.id()))) {
                throw new ShardCountMismatchException(
                        keys.group(),
                        keys.config(),
                        config.shardCount(),
                        count.get().count());
            }
            LOG.info(
                    "the stored shard count {} was left by nodes that are all gone; group {} now runs {} shards",
                    count.get().count(),
                    keys.group(),
                    config.shardCount());
        }
        wired.membership().start();
    }
}
