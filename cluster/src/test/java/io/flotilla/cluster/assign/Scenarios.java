package io.flotilla.cluster.assign;

import io.flotilla.testkit.ForAll;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Generators of assignment rounds: up to 200 shards, up to 12 nodes (some draining, weights 1-4 or all 1), a current
 * assignment that mixes live nodes, nodes that are gone and unassigned shards, and nodes that report running exactly
 * their assignment (hand-offs done).
 */
final class Scenarios {
    private static final String GONE = "gone";

    private Scenarios() {}

    /** A generated round: 0-200 shards, 0-12 nodes, 1-10 moves per round. */
    static Scenario any(SplittableRandom random, boolean equalWeights, boolean allowDraining) {
        int n = ForAll.between(random, 0, 200);
        int m = ForAll.between(random, 0, 12);
        int moves = random.nextInt(1, 11);
        List<NodeView> views = nodes(random, m, equalWeights, allowDraining);
        // Per shard: an index into the nodes, or m for "a node that is gone", or m + 1 for "unassigned".
        List<Integer> picks = new ArrayList<>(n);
        for (int shard = 0; shard < n; shard++) {
            picks.add(random.nextInt(m + 2));
        }
        return build(n, views, picks, moves);
    }

    static List<NodeView> nodes(SplittableRandom random, int count, boolean equalWeights, boolean allowDraining) {
        List<NodeView> views = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int weight = equalWeights ? 1 : random.nextInt(1, 5);
            boolean draining = allowDraining && random.nextInt(4) == 0;
            views.add(new NodeView(String.format("n%02d", i), weight, draining));
        }
        return views;
    }

    private static Scenario build(int shards, List<NodeView> nodes, List<Integer> picks, int maxMoves) {
        TreeMap<Integer, String> current = new TreeMap<>();
        for (int shard = 0; shard < shards; shard++) {
            int pick = picks.get(shard);
            if (pick < nodes.size()) {
                current.put(shard, nodes.get(pick).id());
            } else if (pick == nodes.size()) {
                current.put(shard, GONE);
            }
        }
        Assignment assignment = new Assignment(current);
        Map<String, Set<Integer>> running = Rounds.runningAsAssigned(assignment);
        running.remove(GONE);
        return new Scenario(shards, nodes, assignment, running, maxMoves);
    }
}
