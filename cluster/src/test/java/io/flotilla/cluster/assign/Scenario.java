package io.flotilla.cluster.assign;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/** A generated input of one assignment round (property tests). */
record Scenario(int shards, List<NodeView> nodes, Assignment current, Map<String, Set<Integer>> running, int maxMoves) {
    boolean anyEligible() {
        return nodes.stream().anyMatch(node -> !node.draining());
    }

    boolean draining(String node) {
        return nodes.stream().anyMatch(view -> view.id().equals(node) && view.draining());
    }

    /** The same cluster after the leader wrote {@code next} and every node runs what it says. */
    Scenario withCurrent(Assignment next) {
        return new Scenario(shards, nodes, next, Rounds.runningAsAssigned(next), maxMoves);
    }

    /** The same cluster where some shards are also still reported by a node that has not finished stopping them. */
    Scenario withStragglers(Random random) {
        Map<String, Set<Integer>> reported = new HashMap<>();
        running.forEach((node, shards) -> reported.put(node, new TreeSet<>(shards)));
        if (!nodes.isEmpty()) {
            for (int shard = 0; shard < shards; shard++) {
                if (random.nextInt(4) == 0) {
                    String node = nodes.get(random.nextInt(nodes.size())).id();
                    reported.computeIfAbsent(node, n -> new TreeSet<>()).add(shard);
                }
            }
        }
        return new Scenario(shards, nodes, current, reported, maxMoves);
    }

    AssignmentRound round() {
        return new Assignor(maxMoves).next(shards, nodes, current, running);
    }

    @Override
    public String toString() {
        return "Scenario[shards=" + shards + ", maxMoves=" + maxMoves + ", nodes=" + nodes + ", current="
                + current.byShard() + ", running=" + running + "]";
    }
}
