package io.flotilla.cluster.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.cluster.assign.Assignor;
import io.flotilla.cluster.assign.Move;
import io.flotilla.cluster.membership.NodeRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class LeaderRoundTest {
    private static final Assignor ASSIGNOR = new Assignor(2);

    @Test
    void aFreshClusterGetsEveryShardPlacedAndItsShardCount() {
        LeaderRound round = LeaderRound.decide(
                ASSIGNOR, 4, List.of(node("a"), node("b")), StoredAssignment.EMPTY, Optional.empty());

        assertThat(round.fields()).containsExactlyInAnyOrderEntriesOf(Map.of("0", "a", "1", "b", "2", "a", "3", "b"));
        assertThat(round.writeShardCount()).isTrue();
        assertThat(round.removals()).isEmpty();
    }

    @Test
    void onlyChangedEntriesAreWrittenAndStrayFieldsRemoved() {
        StoredAssignment stored = StoredAssignment.parse(
                Map.of("0", "a:3", "1", "b:3", "2", "a:3", "3", "b:3", "9", "a:3", "x", "junk"), 4);
        assertThat(stored.invalid()).containsExactly("9", "x");

        LeaderRound round = LeaderRound.decide(
                ASSIGNOR, 4, List.of(node("a"), node("b")), stored, Optional.of(new StoredShardCount(4, 3)));

        assertThat(round.writes()).isEmpty();
        assertThat(round.writeShardCount()).isFalse();
        assertThat(round.removals()).containsExactly("9", "x");
    }

    @Test
    void aGoneNodesShardsArePlacedAndWhatANodeReportsRunningIsAdopted() {
        StoredAssignment stored = StoredAssignment.parse(Map.of("0", "a:3", "1", "gone:3", "2", "gone:3"), 3);
        NodeRecord b = node("b").withShards(new TreeSet<>(List.of(2)));

        LeaderRound round =
                LeaderRound.decide(ASSIGNOR, 3, List.of(node("a"), b), stored, Optional.of(new StoredShardCount(3, 3)));

        assertThat(round.writes()).containsEntry(2, "b").containsKey(1).doesNotContainKey(0);
        assertThat(round.writesNothing()).isFalse();
    }

    @Test
    void aRequestedMoveIsWrittenAsAHandOffAndBalanceLeavesThePinnedShardWhereItWasPut() {
        Optional<StoredShardCount> count = Optional.of(new StoredShardCount(4, 3));
        StoredAssignment stored = StoredAssignment.parse(Map.of("0", "a:3", "1", "b:3", "2", "b:3", "3", "a:3"), 4);
        NodeRecord a = node("a").withShards(new TreeSet<>(List.of(0, 3)));
        NodeRecord b = node("b").withShards(new TreeSet<>(List.of(1, 2)));

        LeaderRound moving = LeaderRound.decide(ASSIGNOR, 4, List.of(a, b), stored, count, Map.of(3, "b"), Set.of(3));
        // Once b runs 1, 2 and 3, balance gives a shard back to a: the highest, 3, unless it is pinned.
        StoredAssignment after = StoredAssignment.parse(Map.of("0", "a:3", "1", "b:3", "2", "b:3", "3", "b:3"), 4);
        List<NodeRecord> moved =
                List.of(a.withShards(new TreeSet<>(List.of(0))), b.withShards(new TreeSet<>(List.of(1, 2, 3))));
        LeaderRound pinned = LeaderRound.decide(ASSIGNOR, 4, moved, after, count, Map.of(), Set.of(3));
        LeaderRound unpinned = LeaderRound.decide(ASSIGNOR, 4, moved, after, count, Map.of(), Set.of());

        assertThat(moving.writes()).containsEntry(3, "b");
        assertThat(moving.round().moves()).first().isEqualTo(new Move(3, "a", "b", Move.Reason.REQUEST));
        assertThat(pinned.writes()).containsExactly(Map.entry(2, "a"));
        assertThat(unpinned.writes()).containsExactly(Map.entry(3, "a"));
    }

    @Test
    void aNewLeaderWithAnotherCountRewritesTheCount() {
        LeaderRound round = LeaderRound.decide(
                ASSIGNOR, 4, List.of(node("a")), StoredAssignment.EMPTY, Optional.of(new StoredShardCount(8, 2)));

        assertThat(round.writeShardCount()).isTrue();
    }

    @Test
    void theStoredCountIsReadFromItsFencedValue() {
        assertThat(StoredShardCount.parse(Map.of("shard_count", "16:12"))).contains(new StoredShardCount(16, 12));
        assertThat(StoredShardCount.parse(Map.of("shard_count", "16"))).isEmpty();
        assertThat(StoredShardCount.parse(Map.of())).isEmpty();
    }

    private static NodeRecord node(String id) {
        return new NodeRecord(id, "node-" + id, "", 1, false, new TreeSet<>(), Instant.EPOCH, Instant.EPOCH);
    }
}
