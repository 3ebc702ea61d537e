package io.flotilla.cluster.status;

import io.flotilla.cluster.redis.RedisAwait;
import io.flotilla.worker.Keys;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An operator's requests, checked against a fresh {@link ClusterSnapshot} and written to Redis for the coordinators
 * to carry out:
 *
 * <ul>
 *   <li>{@link #drain}: sets {@link Keys#drainRequest} for the node; within a round its coordinator begins draining
 *       exactly as on SIGTERM (the leader moves its shards away by hand-off, a few per round) but the process keeps
 *       running, with no shard. Draining is one-way: there is no undrain; restart the node (it joins with a new id)
 *       to give it shards again. The key expires after {@link #DRAIN_REQUEST_TTL} if no node reads it.
 *   <li>{@link #move}: sets the shard's field in {@link Keys#moveRequests}; the leader's next round assigns the shard
 *       to the node (the old owner hands it off, the new one RESUMEs it: the path of a rebalance move) and deletes
 *       the field. The leader then leaves the shard there while it leads; balance may move other shards to even
 *       the loads, and a later leader may rebalance it.
 * </ul>
 *
 * <p>Thread-safe (Lettuce async commands); each call blocks at most a few Redis timeouts.
 */
public final class ClusterControl {
    /** How long a drain request waits for its node to read it. */
    public static final Duration DRAIN_REQUEST_TTL = Duration.ofMinutes(10);

    private final RedisAsyncCommands<String, String> redis;
    private final ClusterSnapshotReader reader;
    private final Keys keys;
    private final InstantSource clock;
    private final Duration timeout;

    public ClusterControl(
            StatefulRedisConnection<String, String> connection, Keys keys, InstantSource clock, Duration timeout) {
        this.redis = connection.async();
        this.reader = new ClusterSnapshotReader(connection, keys, clock, 0, timeout);
        this.keys = keys;
        this.clock = clock;
        this.timeout = timeout;
    }

    /**
     * Asks a live node, by name or id, to drain.
     *
     * @throws io.flotilla.cluster.ClusterException when Redis failed
     */
    public ControlResult drain(String node) {
        ClusterSnapshot snapshot = reader.read();
        List<ClusterSnapshot.Node> found = snapshot.live(node);
        if (found.size() != 1) {
            return ControlResult.refused(unknown(snapshot, node, found));
        }
        ClusterSnapshot.Node target = found.get(0);
        String who = target.name() + " (id " + target.id() + ")";
        if (target.draining()) {
            return ControlResult.already(
                    who + " is already draining; it runs " + target.shards().size() + " shard(s)");
        }
        RedisAwait.call(
                () -> redis.set(
                        keys.drainRequest(target.id()),
                        Long.toString(clock.millis()),
                        SetArgs.Builder.px(DRAIN_REQUEST_TTL.toMillis())),
                timeout,
                "writing the drain request");
        boolean others = snapshot.nodes().stream()
                .anyMatch(other ->
                        other.alive() && !other.draining() && !other.id().equals(target.id()));
        return ControlResult.requested(who + " drains: its coordinator begins within a round and the leader moves its "
                + target.shards().size() + " shard(s) to the other nodes by hand-off; it keeps running with no shard"
                + " (restart it to give it shards again)"
                + (others ? "" : "; no other node may take shards now, so they stay until one joins"));
    }

    /**
     * Asks the leader to move a shard to a live, non-draining node (by name or id).
     *
     * @throws io.flotilla.cluster.ClusterException when Redis failed
     */
    public ControlResult move(int shard, String node) {
        ClusterSnapshot snapshot = reader.read();
        if (snapshot.shardCount() == 0) {
            return ControlResult.refused("group " + keys.group() + " has no shard count in Redis yet (no leader has"
                    + " run): is a node of this group running?");
        }
        if (shard < 0 || shard >= snapshot.shardCount()) {
            return ControlResult.refused("shard " + shard + " is out of range: group " + keys.group()
                    + " runs shards 0.." + (snapshot.shardCount() - 1));
        }
        List<ClusterSnapshot.Node> found = snapshot.live(node);
        if (found.size() != 1) {
            return ControlResult.refused(unknown(snapshot, node, found));
        }
        ClusterSnapshot.Node target = found.get(0);
        if (target.draining()) {
            return ControlResult.refused(target.name() + " is draining: it takes no shard");
        }
        ClusterSnapshot.Shard current = snapshot.shards().get(shard);
        if (target.id().equals(current.assignedTo()) && target.id().equals(current.leaseOwner())) {
            return ControlResult.already("shard " + shard + " already runs on " + target.name());
        }
        RedisAwait.call(
                () -> redis.hset(keys.moveRequests(), Integer.toString(shard), target.id()),
                timeout,
                "writing the move request");
        return ControlResult.requested("shard " + shard + " moves from " + snapshot.nameOf(current.assignedTo())
                + " to " + target.name()
                + (snapshot.leader() == null ? " once a leader is elected" : " in the leader's" + " next round")
                + " (hand-off, then RESUME on " + target.name() + ")");
    }

    private String unknown(ClusterSnapshot snapshot, String node, List<ClusterSnapshot.Node> found) {
        if (found.size() > 1) {
            return found.size() + " live nodes are named " + node + " (ids "
                    + found.stream().map(ClusterSnapshot.Node::id).collect(Collectors.joining(", "))
                    + "); give the id";
        }
        String live = snapshot.nodes().stream()
                .filter(ClusterSnapshot.Node::alive)
                .map(ClusterSnapshot.Node::name)
                .collect(Collectors.joining(", "));
        return "no live node named " + node + " in group " + keys.group()
                + (live.isEmpty() ? " (no node is live)" : " (live: " + live + ")");
    }
}
