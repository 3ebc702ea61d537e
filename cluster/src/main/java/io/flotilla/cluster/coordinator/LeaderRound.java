package io.flotilla.cluster.coordinator;

import io.flotilla.cluster.assign.Assignment;
import io.flotilla.cluster.assign.AssignmentRound;
import io.flotilla.cluster.assign.Assignor;
import io.flotilla.cluster.assign.Move;
import io.flotilla.cluster.assign.NodeView;
import io.flotilla.cluster.membership.NodeRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One leader round, decided: what the leader writes to the assignment hash and the config hash. Pure (no Redis, no
 * clock): the members and what they run come from their node records, the assignment from Redis; the rule is the
 * {@link Assignor}'s. A value; {@link Coordinator} writes it under the leader's term, and nothing is written when
 * {@link #writesNothing}.
 *
 * @param round the assignor's result (the next assignment, the moves and why)
 * @param writes shard → node, the entries that change
 * @param removals hash fields to delete (shards left unassigned, fields that are not a shard of this cluster)
 * @param writeShardCount true when the config hash does not hold this cluster's shard count yet
 */
public record LeaderRound(
        AssignmentRound round, SortedMap<Integer, String> writes, SortedSet<String> removals, boolean writeShardCount) {

    public LeaderRound {
        writes = Collections.unmodifiableSortedMap(new TreeMap<>(writes));
        removals = Collections.unmodifiableSortedSet(new TreeSet<>(removals));
    }

    /**
     * Decides one round.
     *
     * @param assignor the assignment rule
     * @param shardCount the cluster's shard count (the leader's configured one)
     * @param members the live node records (this node's included)
     * @param stored the assignment in Redis
     * @param storedCount the shard count in the config hash, if any
     */
    public static LeaderRound decide(
            Assignor assignor,
            int shardCount,
            List<NodeRecord> members,
            StoredAssignment stored,
            Optional<StoredShardCount> storedCount) {
        return decide(assignor, shardCount, members, stored, storedCount, Map.of(), Set.of());
    }

    /**
     * Decides one round that first carries out operators' move requests: each requested shard is assigned to its
     * node (a {@link Move.Reason#REQUEST} move; the old owner hands it off as in a balance move), and balance leaves
     * the {@code pinned} shards where they are.
     *
     * @param requested shard → node id, the checked move requests (live, non-draining nodes; shards in range)
     * @param pinned shards balance must not move
     */
    public static LeaderRound decide(
            Assignor assignor,
            int shardCount,
            List<NodeRecord> members,
            StoredAssignment stored,
            Optional<StoredShardCount> storedCount,
            Map<Integer, String> requested,
            Set<Integer> pinned) {
        List<NodeView> nodes = members.stream()
                .map(member -> new NodeView(member.id(), member.capacity(), member.draining()))
                .toList();
        Map<String, SortedSet<Integer>> running = new HashMap<>();
        members.forEach(member -> running.put(member.id(), member.shards()));
        Assignment current = stored.assignment();
        TreeMap<Integer, String> wanted = new TreeMap<>(current.byShard());
        List<Move> moves = new ArrayList<>();
        requested.forEach((shard, node) -> {
            String from = wanted.put(shard, node);
            if (!node.equals(from)) {
                moves.add(new Move(shard, from, node, Move.Reason.REQUEST));
            }
        });
        AssignmentRound decided = assignor.next(shardCount, nodes, new Assignment(wanted), running, pinned);
        moves.addAll(decided.moves());
        AssignmentRound round = requested.isEmpty()
                ? decided
                : new AssignmentRound(decided.next(), moves, decided.unassigned(), decided.moving());

        TreeMap<Integer, String> writes = new TreeMap<>();
        round.next().byShard().forEach((shard, node) -> {
            if (!Objects.equals(current.nodeOf(shard), node)) {
                writes.put(shard, node);
            }
        });
        TreeSet<String> removals = new TreeSet<>(stored.invalid());
        current.byShard().keySet().stream()
                .filter(shard -> round.next().nodeOf(shard) == null)
                .forEach(shard -> removals.add(StoredAssignment.field(shard)));
        boolean writeCount =
                storedCount.map(count -> count.count() != shardCount).orElse(true);
        return new LeaderRound(round, writes, removals, writeCount);
    }

    /** The assignment entries to write, as hash fields (the epoch suffix is added by the fenced write). */
    public Map<String, String> fields() {
        Map<String, String> fields = new TreeMap<>();
        writes.forEach((shard, node) -> fields.put(StoredAssignment.field(shard), node));
        return fields;
    }

    /** True when Redis already holds what this round decided. */
    public boolean writesNothing() {
        return writes.isEmpty() && removals.isEmpty() && !writeShardCount;
    }

    /** The assignment once this round is written. */
    public Assignment next() {
        return round.next();
    }
}
