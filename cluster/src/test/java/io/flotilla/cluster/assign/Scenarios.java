package io.flotilla.cluster.assign;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of assignment rounds: up to 200 shards, up to 12 nodes (some draining, weights 1-4 or all 1), a current
 * assignment that mixes live nodes, nodes that are gone and unassigned shards, and nodes that report running exactly
 * their assignment (hand-offs done).
 */
final class Scenarios {
    private static final String GONE = "gone";

    private Scenarios() {}

    private record Spec(int weight, boolean draining) {}

    static Arbitrary<Scenario> any(boolean equalWeights, boolean allowDraining) {
        Arbitrary<Integer> shards = Arbitraries.integers().between(0, 200).edgeCases(c -> c.includeOnly(0, 1));
        Arbitrary<Integer> nodeCount = Arbitraries.integers().between(0, 12).edgeCases(c -> c.includeOnly(0, 1));
        Arbitrary<Integer> maxMoves = Arbitraries.integers().between(1, 10);
        return Combinators.combine(shards, nodeCount, maxMoves).flatAs((n, m, moves) -> {
            Arbitrary<List<NodeView>> nodes = nodes(m, equalWeights, allowDraining);
            // Per shard: an index into the nodes, or m for "a node that is gone", or m + 1 for "unassigned".
            Arbitrary<List<Integer>> owners =
                    Arbitraries.integers().between(0, m + 1).list().ofSize(n);
            return Combinators.combine(nodes, owners).as((views, picks) -> build(n, views, picks, moves));
        });
    }

    static Arbitrary<List<NodeView>> nodes(int count, boolean equalWeights, boolean allowDraining) {
        Arbitrary<Integer> weight =
                equalWeights ? Arbitraries.just(1) : Arbitraries.integers().between(1, 4);
        Arbitrary<Boolean> draining =
                allowDraining ? Arbitraries.integers().between(0, 3).map(i -> i == 0) : Arbitraries.just(false);
        return Combinators.combine(weight, draining)
                .as(Spec::new)
                .list()
                .ofSize(count)
                .map(specs -> {
                    List<NodeView> views = new ArrayList<>();
                    for (int i = 0; i < specs.size(); i++) {
                        Spec spec = specs.get(i);
                        views.add(new NodeView(String.format("n%02d", i), spec.weight(), spec.draining()));
                    }
                    return views;
                });
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
