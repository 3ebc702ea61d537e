package io.flotilla.cluster.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.cluster.lease.LeaderTerm;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The whole cluster at one moment, as {@link ClusterSnapshotReader} read it from Redis: the nodes, the leader, every
 * shard with its assignee, lease owner and published status, the identify budget, and the latest gaps and hand-offs.
 * What {@code flotilla status} prints and the dashboard serves ({@link #toJson}); it holds no secret. A value tree.
 *
 * @param group the cluster group
 * @param readAt when it was read
 * @param shardCount the cluster's shard count from {@code ...:config}, 0 while no leader has written it
 * @param leader the leader's term, or null when no one leads
 * @param nodes the live nodes (id order), then nodes that are gone but still named by an assignment or lease
 * @param shards every shard {@code 0 .. shardCount-1}
 * @param identify the session-start budget, or null before a node recorded it
 * @param gaps the most recent gap records, newest first
 * @param handOffs the most recent hand-offs, newest first
 */
public record ClusterSnapshot(
        String group,
        Instant readAt,
        int shardCount,
        @Nullable LeaderTerm leader,
        List<Node> nodes,
        List<Shard> shards,
        @Nullable Budget identify,
        List<Gap> gaps,
        List<HandOff> handOffs) {

    public ClusterSnapshot {
        nodes = List.copyOf(nodes);
        shards = List.copyOf(shards);
        gaps = List.copyOf(gaps);
        handOffs = List.copyOf(handOffs);
    }

    /**
     * One node.
     *
     * @param id its id (a decimal snowflake)
     * @param name its name ({@code NODE_NAME}); the id for a node that is gone
     * @param httpAddress its HTTP address, empty when it has none
     * @param capacity its capacity weight
     * @param draining true while it drains
     * @param shards the shards its record says it runs
     * @param startedAt when it started (EPOCH for a node that is gone)
     * @param updatedAt when it last refreshed its record
     * @param alive true while its record is live
     * @param leader true when it holds the leader lease
     */
    public record Node(
            String id,
            String name,
            String httpAddress,
            int capacity,
            boolean draining,
            SortedSet<Integer> shards,
            Instant startedAt,
            Instant updatedAt,
            boolean alive,
            boolean leader) {
        public Node {
            shards = Collections.unmodifiableSortedSet(new TreeSet<>(shards));
        }
    }

    /**
     * One shard.
     *
     * @param id the shard id
     * @param assignedTo the node the leader assigned it to, or null
     * @param leaseOwner the node holding its lease (the one running it), or null
     * @param leaseEpoch the lease's fencing epoch, 0 without a lease
     * @param status what its node last published, or null
     * @param stale true when that status is older than a few seconds or its node is gone
     * @param lastEventAgeMs ms since its node last received a dispatch of it, -1 when unknown
     */
    public record Shard(
            int id,
            @Nullable String assignedTo,
            @Nullable String leaseOwner,
            long leaseEpoch,
            @Nullable ShardStatus status,
            boolean stale,
            long lastEventAgeMs) {

        /** The published state, {@code UNKNOWN} without a status, {@code STALE} when it is stale. */
        public String state() {
            if (status == null) {
                return "UNKNOWN";
            }
            return stale ? "STALE" : status.state();
        }

        /** True when its published, fresh state is READY (a live session, identified or resumed). */
        public boolean healthy() {
            return status != null && !stale && status.state().equals("READY");
        }
    }

    /**
     * The session-start budget ({@code session_start_limit}) as the nodes recorded it.
     *
     * @param total starts per window
     * @param remaining starts left
     * @param reserve the starts kept back for an operator's emergency (the reader's {@code IDENTIFY_RESERVE})
     * @param resetAt when the window resets
     */
    public record Budget(int total, int remaining, int reserve, Instant resetAt) {}

    /**
     * A gap record ({@code g:gaps}): a session that ended losing events.
     *
     * @param entryId the stream entry id
     * @param shard the shard
     * @param session the session that ended
     * @param committedSeq its last seq in the streams, -1 when none
     * @param receivedSeq the last seq the shard received
     * @param reason why the session ended
     * @param at when
     */
    public record Gap(
            String entryId,
            int shard,
            String session,
            long committedSeq,
            long receivedSeq,
            String reason,
            Instant at) {}

    /**
     * A completed hand-off ({@code ...:handoffs}).
     *
     * @param entryId the stream entry id
     * @param shard the shard
     * @param from the node that handed it off
     * @param to the node it was assigned to
     * @param durationMs how long the hand-off took on the old node (commit, resumable close)
     * @param at when it completed
     */
    public record HandOff(String entryId, int shard, String from, String to, long durationMs, Instant at) {}

    /** The node with this id, if the snapshot names it. */
    public Optional<Node> node(String id) {
        return nodes.stream().filter(node -> node.id().equals(id)).findFirst();
    }

    /** The name of the node with this id, or the id itself when the snapshot does not know it. */
    public String nameOf(@Nullable String id) {
        if (id == null) {
            return "-";
        }
        return node(id).map(Node::name).orElse(id);
    }

    /** The live nodes whose name or id is {@code nameOrId} (more than one when two live nodes share a name). */
    public List<Node> live(String nameOrId) {
        return nodes.stream()
                .filter(Node::alive)
                .filter(node -> node.id().equals(nameOrId) || node.name().equals(nameOrId))
                .toList();
    }

    /** The snapshot as JSON (what the dashboard serves and {@code flotilla status --json} prints). */
    public String toJson(ObjectMapper json) {
        return SnapshotJson.render(json, this);
    }
}
