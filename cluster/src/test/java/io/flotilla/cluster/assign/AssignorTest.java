package io.flotilla.cluster.assign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Examples of {@link Assignor} rounds, one rule each. */
class AssignorTest {
    private static final NodeView A = NodeView.of("a");
    private static final NodeView B = NodeView.of("b");
    private static final NodeView C = NodeView.of("c");

    @Test
    void aColdClusterGetsEveryShardWithTheExtraOnesOnTheSmallerIds() {
        AssignmentRound round = new Assignor(1).next(10, List.of(C, A, B), Assignment.EMPTY, Map.of());

        assertThat(round.next().loads()).containsExactlyEntriesOf(new TreeMap<>(Map.of("a", 4, "b", 3, "c", 3)));
        assertThat(round.moves()).hasSize(10).allMatch(move -> move.reason() == Move.Reason.PLACE);
        assertThat(round.next().nodeOf(0)).isEqualTo("a");
        assertThat(round.next().nodeOf(1)).isEqualTo("b");
    }

    @Test
    void theShardsOfANodeThatIsGoneArePlacedAtOnceWhateverTheBound() {
        Assignment current = assign(Map.of("a", range(0, 4), "b", range(4, 8), "c", range(8, 12)));

        AssignmentRound round = new Assignor(1).next(12, List.of(A, B), current, Rounds.runningAsAssigned(current));

        assertThat(round.moves())
                .hasSize(4)
                .allMatch(move -> move.reason() == Move.Reason.PLACE && "c".equals(move.from()));
        assertThat(round.next().loads()).containsEntry("a", 6).containsEntry("b", 6);
    }

    @Test
    void aNewNodeReceivesShardsAFewPerRound() {
        Assignment current = assign(Map.of("a", range(0, 6), "b", range(6, 12)));
        List<NodeView> nodes = List.of(A, B, C);

        AssignmentRound first = new Assignor(2).next(12, nodes, current, Rounds.runningAsAssigned(current));

        assertThat(first.moves())
                .extracting(Move::reason, Move::to)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(Move.Reason.BALANCE, "c"));
        assertThat(first.moves()).hasSize(2);
        AssignmentRound second = new Assignor(2).next(12, nodes, first.next(), Rounds.runningAsAssigned(first.next()));
        assertThat(second.next().loads())
                .containsEntry("a", 4)
                .containsEntry("b", 4)
                .containsEntry("c", 4);
        assertThat(new Assignor(2)
                        .next(12, nodes, second.next(), Rounds.runningAsAssigned(second.next()))
                        .moves())
                .isEmpty();
    }

    @Test
    void aDrainingNodeIsEmptiedAtTheBoundPerRoundAndGetsNothing() {
        Assignment current = assign(Map.of("a", range(0, 3), "b", range(3, 6), "c", range(6, 9)));
        List<NodeView> nodes = List.of(A, B, C.drain());

        AssignmentRound round = new Assignor(2).next(9, nodes, current, Rounds.runningAsAssigned(current));

        assertThat(round.moves()).hasSize(2).allMatch(move -> move.reason() == Move.Reason.DRAIN);
        assertThat(round.next().loads()).containsEntry("c", 1);
    }

    @Test
    void whenRedisLostTheAssignmentEveryShardIsAdoptedWhereItRuns() {
        Map<String, Set<Integer>> running = Map.of("a", Set.of(0, 1, 2, 3, 4), "b", Set.of(5), "c", Set.of());

        AssignmentRound round = new Assignor(1).next(6, List.of(A, B, C), Assignment.EMPTY, running);

        assertThat(round.moves().stream().filter(move -> move.reason() == Move.Reason.ADOPT))
                .hasSize(6);
        assertThat(round.next().shardsOf("a")).containsExactly(0, 1, 2, 3, 4);
        assertThat(round.handOffs()).isZero();
    }

    @Test
    void aShardTheOldOwnerStillRunsIsMovingAndUsesUpTheBound() {
        // Shard 0 moved from a to c last round; a has not stopped it yet.
        Assignment current = assign(Map.of("a", range(1, 6), "b", range(6, 8), "c", range(0, 1)));
        Map<String, Set<Integer>> running = Map.of("a", range(0, 6), "b", range(6, 8), "c", Set.of());

        AssignmentRound round = new Assignor(1).next(8, List.of(A, B, C), current, running);

        assertThat(round.moving()).containsExactly(0);
        assertThat(round.moves()).isEmpty();
        assertThat(round.next()).isEqualTo(current);
    }

    @Test
    void weightsShareTheShardsInProportion() {
        NodeView big = new NodeView("big", 2, false);
        AssignmentRound round = new Assignor(1).next(9, List.of(big, A), Assignment.EMPTY, Map.of());

        assertThat(round.next().loads()).containsEntry("big", 6).containsEntry("a", 3);
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        assertThatThrownBy(() -> new Assignor(0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new NodeView("a", 0, false)).hasMessageContaining("mark it draining");
        assertThatThrownBy(() -> new Assignor(1).next(1, List.of(A, A), Assignment.EMPTY, Map.of()))
                .hasMessageContaining("listed twice");
    }

    @Test
    void fourThousandShardsOnFiftyNodesTakeWellUnderAHundredMilliseconds() {
        List<NodeView> nodes = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            nodes.add(new NodeView(String.format("node-%02d", i), 1 + i % 3, i % 10 == 9));
        }
        // Worst realistic case: everything on the first ten nodes, a fifth of them gone.
        TreeMap<Integer, String> skewed = new TreeMap<>();
        for (int shard = 0; shard < 4000; shard++) {
            skewed.put(shard, shard % 5 == 0 ? "gone" : nodes.get(shard % 10).id());
        }
        Assignment current = new Assignment(skewed);
        Assignor assignor = new Assignor(4000);
        for (int warm = 0; warm < 20; warm++) {
            assignor.next(4000, nodes, current, Rounds.runningAsAssigned(current));
        }
        long start = System.nanoTime();
        AssignmentRound round = assignor.next(4000, nodes, current, Rounds.runningAsAssigned(current));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(Rounds.balanced(4000, nodes, round.next())).isTrue();
        assertThat(millis).as("one round of 4000 shards x 50 nodes, ms").isLessThan(100);
    }

    private static Assignment assign(Map<String, Set<Integer>> shardsByNode) {
        TreeMap<Integer, String> byShard = new TreeMap<>();
        shardsByNode.forEach((node, shards) -> shards.forEach(shard -> byShard.put(shard, node)));
        return new Assignment(byShard);
    }

    private static Set<Integer> range(int from, int to) {
        return Set.copyOf(java.util.stream.IntStream.range(from, to).boxed().toList());
    }
}
