package io.flotilla.cluster.assign;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.testkit.ForAll;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The assignment rules of {@link Assignor}, as properties over generated clusters ({@link ForAll}). */
class AssignorPropertyTest {

    private static Scenario clusters(SplittableRandom random) {
        return Scenarios.any(random, false, true);
    }

    private static Scenario equalClusters(SplittableRandom random) {
        return Scenarios.any(random, true, false);
    }

    @Test
    void everyShardIsAssignedWhenSomeNodeMayTakeShards() {
        ForAll.check(random -> clusters(random), scenario -> {
            AssignmentRound round = scenario.round();
            if (scenario.anyEligible()) {
                assertThat(round.unassigned()).isEmpty();
                assertThat(round.next().size()).isEqualTo(scenario.shards());
            } else {
                assertThat(round.next().byShard().values()).allMatch(scenario::draining);
            }
        });
    }

    @Test
    void noShardGoesToADrainingNode() {
        ForAll.check(random -> clusters(random), scenario -> {
            AssignmentRound round = scenario.round();
            assertThat(round.moves()).noneMatch(move -> scenario.draining(move.to()));
            round.next().byShard().forEach((shard, node) -> {
                if (scenario.draining(node)) {
                    assertThat(scenario.current().nodeOf(shard)).isEqualTo(node);
                }
            });
        });
    }

    @Test
    void handOffsPerRoundStayWithinTheBound() {
        ForAll.check(random -> clusters(random), scenario -> {
            AssignmentRound round = scenario.round();
            assertThat(round.handOffs()).isLessThanOrEqualTo(scenario.maxMoves());
            // Moves of orphans are never bounded and always happen: each orphan is placed (when a node may take it).
            long orphans = scenario.anyEligible()
                    ? java.util.stream.IntStream.range(0, scenario.shards())
                            .filter(shard -> {
                                String owner = scenario.current().nodeOf(shard);
                                return owner == null
                                        || scenario.nodes().stream().noneMatch(n -> n.id().equals(owner));
                            })
                            .count()
                    : 0;
            assertThat(round.moves().size() - round.handOffs()).isEqualTo(orphans);
        });
    }

    @Test
    void roundsConvergeToBalanceWithinTheBound() {
        ForAll.check(random -> clusters(random), scenario -> {
            Assignor assignor = new Assignor(scenario.maxMoves());
            int limit = ceilDiv(scenario.shards(), scenario.maxMoves()) + 1;
            List<AssignmentRound> rounds = Rounds.untilQuiet(
                    assignor, scenario.shards(), scenario.nodes(), scenario.current(), scenario.running(), limit);
            AssignmentRound last = rounds.get(rounds.size() - 1);
            assertThat(last.unchanged())
                    .as("quiet after %s rounds", rounds.size())
                    .isTrue();
            assertThat(Rounds.balanced(scenario.shards(), scenario.nodes(), last.next()))
                    .isTrue();
        });
    }

    private record ShardsStillBeingStoppedElsewhereAreLeftAloneAndCountAgainstTheBoundCase(
            Scenario scenario, long seed) {}

    @Test
    void shardsStillBeingStoppedElsewhereAreLeftAloneAndCountAgainstTheBound() {
        ForAll.check(
                random -> new ShardsStillBeingStoppedElsewhereAreLeftAloneAndCountAgainstTheBoundCase(
                        clusters(random), random.nextLong()),
                c -> {
                    Scenario scenario = c.scenario();
                    long seed = c.seed();
                    Scenario handingOff = scenario.withStragglers(new Random(seed));
                    AssignmentRound round = handingOff.round();
                    int free =
                            Math.max(0, handingOff.maxMoves() - round.moving().size());
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
                });
    }

    @Test
    void equalWeightsEndWithinOneOfEachOther() {
        ForAll.check(random -> equalClusters(random), scenario -> {
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
        });
    }

    private record ABalancedAssignmentStaysExactlyAsItIsCase(int shards, int nodeCount, int maxMoves, long seed) {}

    @Test
    void aBalancedAssignmentStaysExactlyAsItIs() {
        ForAll.check(
                random -> new ABalancedAssignmentStaysExactlyAsItIsCase(
                        ForAll.between(random, 0, 300),
                        ForAll.between(random, 1, 20),
                        ForAll.between(random, 1, 10),
                        random.nextLong()),
                c -> {
                    int shards = c.shards();
                    int nodeCount = c.nodeCount();
                    int maxMoves = c.maxMoves();
                    long seed = c.seed();
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
                });
    }

    @Test
    void aQuietRoundStaysQuiet() {
        ForAll.check(random -> clusters(random), scenario -> {
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
        });
    }

    private record TheResultDoesNotDependOnTheOrderNodesAreListedInCase(Scenario scenario, long seed) {}

    @Test
    void theResultDoesNotDependOnTheOrderNodesAreListedIn() {
        ForAll.check(
                random -> new TheResultDoesNotDependOnTheOrderNodesAreListedInCase(clusters(random), random.nextLong()),
                c -> {
                    Scenario scenario = c.scenario();
                    long seed = c.seed();
                    List<NodeView> shuffled = new ArrayList<>(scenario.nodes());
                    Collections.shuffle(shuffled, new Random(seed));
                    AssignmentRound listed = scenario.round();
                    AssignmentRound reordered = new Assignor(scenario.maxMoves())
                            .next(scenario.shards(), shuffled, scenario.current(), scenario.running());
                    assertThat(reordered).isEqualTo(listed);
                });
    }

    private record FewerShardsThanNodesGiveEachNodeAtMostOneCase(int shards, int extraNodes) {}

    @Test
    void fewerShardsThanNodesGiveEachNodeAtMostOne() {
        ForAll.check(
                random -> new FewerShardsThanNodesGiveEachNodeAtMostOneCase(
                        ForAll.between(random, 0, 10), ForAll.between(random, 0, 10)),
                c -> {
                    int shards = c.shards();
                    int extraNodes = c.extraNodes();
                    List<NodeView> nodes = new ArrayList<>();
                    for (int i = 0; i < shards + extraNodes; i++) {
                        nodes.add(NodeView.of("node-" + i));
                    }
                    AssignmentRound round =
                            new Assignor(1).next(shards, nodes, Assignment.EMPTY, Map.<String, Set<Integer>>of());
                    assertThat(round.next().size()).isEqualTo(shards);
                    assertThat(round.next().loads().values()).allMatch(load -> load == 1);
                });
    }

    private record WithoutNodesEverythingIsUnassignedCase(int shards) {}

    @Test
    void withoutNodesEverythingIsUnassigned() {
        ForAll.check(random -> new WithoutNodesEverythingIsUnassignedCase(ForAll.between(random, 0, 100)), c -> {
            int shards = c.shards();
            Map<Integer, String> old = new TreeMap<>();
            for (int shard = 0; shard < shards; shard++) {
                old.put(shard, "gone-" + (shard % 3));
            }
            AssignmentRound round =
                    new Assignor(3).next(shards, List.of(), Assignment.of(old), Map.<String, Set<Integer>>of());
            assertThat(round.next().size()).isZero();
            assertThat(round.unassigned()).hasSize(shards);
            assertThat(round.moves()).isEmpty();
        });
    }

    private static int ceilDiv(int a, int b) {
        return Math.max(1, (a + b - 1) / b);
    }
}
