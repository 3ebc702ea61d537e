package io.flotilla.cluster.assign;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Test helpers: what nodes run when every hand-off has finished, and a leader that runs rounds until quiet. */
final class Rounds {
    private Rounds() {}

    /** Node → shards, as the nodes would report once they run exactly what {@code assignment} says. */
    static Map<String, Set<Integer>> runningAsAssigned(Assignment assignment) {
        Map<String, Set<Integer>> running = new HashMap<>();
        assignment
                .byShard()
                .forEach((shard, node) ->
                        running.computeIfAbsent(node, n -> new TreeSet<>()).add(shard));
        return running;
    }

    /** Runs rounds (hand-offs finishing between them) until one makes no move or {@code limit} rounds ran. */
    static List<AssignmentRound> untilQuiet(
            Assignor assignor,
            int shards,
            List<NodeView> nodes,
            Assignment start,
            Map<String, Set<Integer>> running,
            int limit) {
        List<AssignmentRound> rounds = new ArrayList<>();
        Assignment current = start;
        Map<String, Set<Integer>> reported = running;
        for (int i = 0; i < limit; i++) {
            AssignmentRound round = assignor.next(shards, nodes, current, reported);
            rounds.add(round);
            if (round.unchanged()) {
                break;
            }
            current = round.next();
            reported = runningAsAssigned(current);
        }
        return rounds;
    }

    /** True if every non-draining node holds between the floor and the ceiling of its weighted share. */
    static boolean balanced(int shards, List<NodeView> nodes, Assignment assignment) {
        long totalWeight = nodes.stream()
                .filter(node -> !node.draining())
                .mapToLong(NodeView::capacityWeight)
                .sum();
        Map<String, Integer> loads = assignment.loads();
        for (NodeView node : nodes) {
            int load = loads.getOrDefault(node.id(), 0);
            if (node.draining()) {
                if (load > 0 && totalWeight > 0) {
                    return false;
                }
                continue;
            }
            long share = (long) shards * node.capacityWeight();
            if (load < share / totalWeight || load > (share + totalWeight - 1) / totalWeight) {
                return false;
            }
        }
        return true;
    }
}
