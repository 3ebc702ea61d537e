package io.flotilla.cluster.assign;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The assignment rule (ARCHITECTURE.md "Coordination"), a pure function {@code (shards, nodes, current, running) →
 * next}. One call is one leader round; the leader calls it again once the nodes have acted. Deterministic: equal
 * inputs give equal results, and ties go to the smaller node id. Immutable and thread-safe.
 *
 * <p>The rules, in the order they apply:
 *
 * <ol>
 *   <li><b>Sticky.</b> A shard assigned to a live node stays there unless a rule below moves it.
 *   <li><b>In flight.</b> A shard that a live node other than its assignee still reports running is being handed off
 *       (the old owner has not stopped it yet). It stays assigned where it is, balance does not touch it, and it
 *       counts against this round's bound, so at most {@code maxMovesPerRound} hand-offs run at once.
 *   <li><b>Orphans are always placed.</b> A shard that is unassigned or whose node is gone goes to a live
 *       non-draining node that reports running it, if any ({@link Move.Reason#ADOPT}: no hand-off; after Redis lost
 *       the assignment this keeps every shard where it runs), else to the least-loaded node for its capacity
 *       ({@link Move.Reason#PLACE}). Not bounded: an orphan has no owner, so waiting only adds downtime.
 *   <li><b>Draining nodes get nothing</b> and their shards move to the least-loaded nodes ({@link
 *       Move.Reason#DRAIN}), never onto a node that still reports running that shard (it is stopping it), up to the
 *       bound left after rule 2, but at least one per round so a drain always progresses.
 *   <li><b>Balance.</b> With the budget left, shards move from nodes above {@code ceil(N·w/W)} to nodes below it,
 *       then from nodes above {@code floor(N·w/W)} to nodes below it ({@link Move.Reason#BALANCE}; {@code w} the
 *       node's weight, {@code W} the sum of the weights of the nodes that may take shards). With equal weights this
 *       is the seed's round(N/M) ± 1. Each move removes one shard of imbalance and never creates one, so rounds
 *       converge; a balanced assignment gives no move.
 * </ol>
 *
 * <p>With no node that may take shards, orphans stay unassigned and draining nodes keep what they have. Shards at or
 * above {@code shardCount} are dropped from the assignment; entries of {@code running} for unknown nodes are ignored.
 */
public final class Assignor {
    private final int maxMovesPerRound;

    /**
     * An assignor with a bound on hand-offs.
     *
     * @param maxMovesPerRound how many hand-offs (balance and drain moves, in flight included) a round allows */
    public Assignor(int maxMovesPerRound) {
        if (maxMovesPerRound < 1) {
            throw new IllegalArgumentException("max moves per round must be at least 1, got " + maxMovesPerRound);
        }
        this.maxMovesPerRound = maxMovesPerRound;
    }

    public int maxMovesPerRound() {
        return maxMovesPerRound;
    }

    /**
     * One round: the next assignment and the moves to it.
     *
     * @param shardCount the bot's shard count; shards are {@code 0 .. shardCount-1}
     * @param nodes the live nodes (ids unique)
     * @param current the assignment in force
     * @param running node id → the shards it reports running
     */
    public AssignmentRound next(
            int shardCount,
            Collection<NodeView> nodes,
            Assignment current,
            Map<String, ? extends Collection<Integer>> running) {
        return next(shardCount, nodes, current, running, Set.of());
    }

    /**
     * One round in which balance does not move the {@code pinned} shards (an operator placed them); every other rule
     * applies to them as to any shard.
     */
    public AssignmentRound next(
            int shardCount,
            Collection<NodeView> nodes,
            Assignment current,
            Map<String, ? extends Collection<Integer>> running,
            Set<Integer> pinned) {
        if (shardCount < 0) {
            throw new IllegalArgumentException("shard count must not be negative, got " + shardCount);
        }
        Map<String, NodeView> live = byId(nodes);
        List<NodeView> eligible = live.values().stream()
                .filter(node -> !node.draining())
                .sorted(Comparator.comparing(NodeView::id))
                .toList();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < eligible.size(); i++) {
            index.put(eligible.get(i).id(), i);
        }
        Map<Integer, SortedSet<String>> reporters = reporters(shardCount, live, running);

        TreeMap<Integer, String> next = new TreeMap<>();
        List<Move> moves = new ArrayList<>();
        SortedSet<Integer> unassigned = new TreeSet<>();
        SortedSet<Integer> moving = new TreeSet<>();
        List<Integer> orphans = new ArrayList<>();
        List<Integer> onDraining = new ArrayList<>();
        Loads loads = new Loads(eligible, shardCount);

        for (int shard = 0; shard < shardCount; shard++) {
            String owner = current.nodeOf(shard);
            if (owner == null || !live.containsKey(owner)) {
                orphans.add(shard);
                continue;
            }
            next.put(shard, owner);
            boolean inFlight = !othersThan(owner, reporters.get(shard)).isEmpty();
            if (inFlight) {
                moving.add(shard);
            }
            Integer at = index.get(owner);
            if (at == null) {
                onDraining.add(shard);
            } else {
                loads.keep(at, shard, !inFlight && !pinned.contains(shard));
            }
        }

        for (int shard : orphans) {
            @Nullable String from = current.nodeOf(shard);
            if (loads.isEmpty()) {
                unassigned.add(shard);
                continue;
            }
            SortedSet<String> reportedBy = reporters.getOrDefault(shard, new TreeSet<>());
            int target = reportedBy.stream()
                    .filter(index::containsKey)
                    .map(index::get)
                    .findFirst()
                    .orElse(-1);
            Move.Reason reason = Move.Reason.ADOPT;
            if (target < 0) {
                target = loads.receiver(Set.of(), false);
                reason = Move.Reason.PLACE;
            }
            loads.add(target);
            next.put(shard, loads.id(target));
            moves.add(new Move(shard, from, loads.id(target), reason));
        }

        int budget = Math.max(0, maxMovesPerRound - moving.size());
        if (!loads.isEmpty() && !onDraining.isEmpty()) {
            int drains = Math.max(1, budget);
            for (int i = 0; i < onDraining.size() && drains > 0; i++) {
                int shard = onDraining.get(i);
                int target = loads.receiver(reporters.getOrDefault(shard, new TreeSet<>()), false);
                if (target < 0) {
                    continue; // only nodes that are still stopping it: next round
                }
                loads.add(target);
                moves.add(new Move(shard, next.put(shard, loads.id(target)), loads.id(target), Move.Reason.DRAIN));
                drains--;
                budget = Math.max(0, budget - 1);
            }
        }

        while (budget > 0) {
            int donor = loads.donor(true);
            int receiver;
            if (donor >= 0) {
                receiver = loads.receiver(Set.of(loads.id(donor)), true);
            } else if (loads.anyBelowFloor()) {
                receiver = loads.receiver(Set.of(), true);
                donor = loads.donor(false);
            } else {
                break;
            }
            if (donor < 0 || receiver < 0) {
                break;
            }
            int shard = loads.takeMovable(donor);
            loads.add(receiver);
            next.put(shard, loads.id(receiver));
            moves.add(new Move(shard, loads.id(donor), loads.id(receiver), Move.Reason.BALANCE));
            budget--;
        }
        return new AssignmentRound(new Assignment(next), moves, unassigned, moving);
    }

    private static Map<String, NodeView> byId(Collection<NodeView> nodes) {
        Map<String, NodeView> byId = new HashMap<>();
        for (NodeView node : nodes) {
            if (byId.put(node.id(), node) != null) {
                throw new IllegalArgumentException("node " + node.id() + " is listed twice; node ids must be unique");
            }
        }
        return byId;
    }

    private static Map<Integer, SortedSet<String>> reporters(
            int shardCount, Map<String, NodeView> live, Map<String, ? extends Collection<Integer>> running) {
        Map<Integer, SortedSet<String>> reporters = new HashMap<>();
        running.forEach((node, shards) -> {
            if (live.containsKey(node)) {
                for (int shard : shards) {
                    if (shard >= 0 && shard < shardCount) {
                        reporters.computeIfAbsent(shard, s -> new TreeSet<>()).add(node);
                    }
                }
            }
        });
        return reporters;
    }

    private static Set<String> othersThan(String owner, @Nullable SortedSet<String> reportedBy) {
        if (reportedBy == null) {
            return Set.of();
        }
        Set<String> others = new TreeSet<>(reportedBy);
        others.remove(owner);
        return others;
    }
}
