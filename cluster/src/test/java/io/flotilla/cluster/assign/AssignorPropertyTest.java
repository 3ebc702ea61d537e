package io.flotilla.cluster.assign;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The assignment rules of {@link Assignor}, as properties over generated clusters (jqwik). */
class AssignorPropertyTest {

    @Provide
    Arbitrary<Scenario> clusters() {
        return Scenarios.any(false, true);
    }

    @Provide
    Arbitrary<Scenario> equalClusters() {
        return Scenarios.any(true, false);
    }

    @Property
    void everyShardIsAssignedWhenSomeNodeMayTakeShards(@ForAll("clusters") Scenario scenario) {
        AssignmentRound round = scenario.round();
        if (scenario.anyEligible()) {
            assertThat(round.unassigned()).isEmpty();
            assertThat(round.next().size()).isEqualTo(scenario.shards());
        } else {
            assertThat(round.next().byShard().values()).allMatch(scenario::draining);
        }
    }

    @Property
    void noShardGoesToADrainingNode(@ForAll("clusters") Scenario scenario) {
        AssignmentRound round = scenario.round();
        assertThat(round.moves()).noneMatch(move -> scenario.draining(move.to()));
        round.next().byShard().forEach((shard, node) -> {
            if (scenario.draining(node)) {
                assertThat(scenario.current().nodeOf(shard)).isEqualTo(node);
            }
        });
    }

    @Property
    void handOffsPerRoundStayWithinTheBound(@ForAll("clusters") Scenario scenario) {
        AssignmentRound round = scenario.round();
        assertThat(round.handOffs()).isLessThanOrEqualTo(scenario.maxMoves());
        // Moves of orphans are never bounded and always happen: each orphan is placed (when a node may take it).
        long orphans = scenario.anyEligible()
                ? java.util.stream.IntStream.range(0, scenario.shards())
                        .filter(shard -> {
                            String owner = scenario.current().nodeOf(shard);
                            return owner == null || scenario.nodes().stream().noneMatch(n -> n.id().equals(owner));
                        })
                        .count()
                : 0;
        assertThat(round.moves().size() - round.handOffs()).isEqualTo(orphans);
    }

    @Property
    void roundsConvergeToBalanceWithinTheBound(@ForAll("clusters") Scenario scenario) {
        Assignor assignor = new Assignor(scenario.maxMoves());
        int limit = ceilDiv(scenario.shards(), scenario.maxMoves()) + 1;
        List<AssignmentRound> rounds = Rounds.untilQuiet(
                assignor, scenario.shards(), scenario.nodes(), scenario.current(), scenario.running(), limit);
        AssignmentRound last = rounds.get(rounds.size() - 1);
        assertThat(last.unchanged()).as("quiet after %s rounds", rounds.size()).isTrue();
        assertThat(Rounds.balanced(scenario.shards(), scenario.nodes(), last.next()))
                .isTrue();
    }

    @Property
    void shardsStillBeingStoppedElsewhereAreLeftAloneAndCountAgainstTheBound(
            @ForAll("clusters") Scenario scenario, @ForAll long seed) {
        Scenario handingOff = scenario.withStragglers(new Random(seed));
        AssignmentRound round = handingOff.round();
        int free = Math.max(0, handingOff.maxMoves() - round.moving().size());
        assertThat(round.moves().stream()
                        .filter(move -> move.reason() == Move.Reason.BALANCE)
                        .count())
                .isLessThanOrEqualTo(free);
        assertThat(round.handOffs()).isLessThanOrEqualTo(Math.max(1, free));
        for (Move move : round.moves()) {
            if (move.reason() == Move.Reason.BALANCE) {
                assertThat(round.moving()).doesNotContain(move.shard());
            }
            if (move.reason() == Move.Reason.DRAIN) {
                assertThat(handingOff.running().getOrDefault(move.to(), Set.of()))
                        .as("never onto a node still stopping it")
                        .doesNotContain(move.shard());
            }
        }
    }

    @Property
    void equalWeightsEndWithinOneOfEachOther(@ForAll("equalClusters") Scenario scenario) {
        Assignor assignor = new Assignor(scenario.maxMoves());
        List<AssignmentRound> rounds = Rounds.untilQuiet(
                assignor, scenario.shards(), scenario.nodes(), scenario.current(), scenario.running(), 1000);
        Assignment last = rounds.get(rounds.size() - 1).next();
        if (scenario.nodes().isEmpty()) {
            assertThat(last.size()).isZero();
            return;
        }
        List<Integer> loads = scenario.nodes().stream()
                .map(node -> last.loads().getOrDefault(node.id(), 0))
                .toList();
        int m = scenario.nodes().size();
        assertThat(Collections.min(loads)).isGreaterThanOrEqualTo(scenario.shards() / m);
        assertThat(Collections.max(loads)).isLessThanOrEqualTo(ceilDiv(scenario.shards(), m));
    }

    @Property
    void aBalancedAssignmentStaysExactlyAsItIs(
            @ForAll @IntRange(min = 0, max = 300) int shards,
            @ForAll @IntRange(min = 1, max = 20) int nodeCount,
            @ForAll @IntRange(min = 1, max = 10) int maxMoves,
            @ForAll long seed) {
        List<NodeView> nodes = new ArrayList<>();
        for (int i = 0; i < nodeCount; i++) {
            nodes.add(NodeView.of("node-" + i));
        }
        // Deal the shards round-robin in a random order: each node holds floor or ceil of N/M.
        List<Integer> order = new ArrayList<>(
                java.util.stream.IntStream.range(0, shards).boxed().toList());
        Collections.shuffle(order, new Random(seed));
        TreeMap<Integer, String> byShard = new TreeMap<>();
        for (int i = 0; i < order.size(); i++) {
            byShard.put(order.get(i), nodes.get(i % nodeCount).id());
        }
        Assignment balanced = new Assignment(byShard);
        AssignmentRound round =
                new Assignor(maxMoves).next(shards, nodes, balanced, Rounds.runningAsAssigned(balanced));
        assertThat(round.moves()).isEmpty();
        assertThat(round.next()).isEqualTo(balanced);
    }

    @Property
    void aQuietRoundStaysQuiet(@ForAll("clusters") Scenario scenario) {
        List<AssignmentRound> rounds = Rounds.untilQuiet(
                new Assignor(scenario.maxMoves()),
                scenario.shards(),
                scenario.nodes(),
                scenario.current(),
                scenario.running(),
                1000);
        Assignment settled = rounds.get(rounds.size() - 1).next();
        AssignmentRound again = scenario.withCurrent(settled).round();
        assertThat(again.moves()).isEmpty();
        assertThat(again.next()).isEqualTo(settled);
    }

    @Property
    void theResultDoesNotDependOnTheOrderNodesAreListedIn(@ForAll("clusters") Scenario scenario, @ForAll long seed) {
        List<NodeView> shuffled = new ArrayList<>(scenario.nodes());
        Collections.shuffle(shuffled, new Random(seed));
        AssignmentRound listed = scenario.round();
        AssignmentRound reordered = new Assignor(scenario.maxMoves())
                .next(scenario.shards(), shuffled, scenario.current(), scenario.running());
        assertThat(reordered).isEqualTo(listed);
    }

    @Property
    void fewerShardsThanNodesGiveEachNodeAtMostOne(
            @ForAll @IntRange(min = 0, max = 10) int shards, @ForAll @IntRange(min = 0, max = 10) int extraNodes) {
        List<NodeView> nodes = new ArrayList<>();
        for (int i = 0; i < shards + extraNodes; i++) {
            nodes.add(NodeView.of("node-" + i));
        }
        AssignmentRound round = new Assignor(1).next(shards, nodes, Assignment.EMPTY, Map.<String, Set<Integer>>of());
        assertThat(round.next().size()).isEqualTo(shards);
        assertThat(round.next().loads().values()).allMatch(load -> load == 1);
    }

    @Property
    void withoutNodesEverythingIsUnassigned(@ForAll @IntRange(min = 0, max = 100) int shards) {
        Map<Integer, String> old = new TreeMap<>();
        for (int shard = 0; shard < shards; shard++) {
            old.put(shard, "gone-" + (shard % 3));
        }
        AssignmentRound round =
                new Assignor(3).next(shards, List.of(), Assignment.of(old), Map.<String, Set<Integer>>of());
        assertThat(round.next().size()).isZero();
        assertThat(round.unassigned()).hasSize(shards);
        assertThat(round.moves()).isEmpty();
    }

    private static int ceilDiv(int a, int b) {
        return Math.max(1, (a + b - 1) / b);
    }
}
