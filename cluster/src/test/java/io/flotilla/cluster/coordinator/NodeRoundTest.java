package io.flotilla.cluster.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.cluster.assign.Assignment;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeRoundTest {
    private static final Assignment ASSIGNED = Assignment.of(Map.of(0, "a", 1, "a", 2, "b", 3, "b"));

    @Test
    void startsWhatIsAssignedHereAndNotRunning() {
        NodeRound round = NodeRound.decide("a", ASSIGNED, Set.of(0), Set.of(0), Set.of(), false);

        assertThat(round.start()).containsExactly(1);
        assertThat(round.fence()).isEmpty();
        assertThat(round.release()).isEmpty();
        assertThat(round.handOff()).isEmpty();
    }

    @Test
    void handsOffWhatRunsHereButIsAssignedElsewhere() {
        NodeRound round = NodeRound.decide("b", ASSIGNED, Set.of(1, 2, 3), Set.of(1, 2, 3), Set.of(), false);

        assertThat(round.handOff()).containsExactly(Map.entry(1, "a"));
        assertThat(round.start()).isEmpty();
    }

    @Test
    void aShardBeingHandedOffIsLeftAloneEvenWhenAssignedBack() {
        NodeRound round = NodeRound.decide("a", ASSIGNED, Set.of(0, 1), Set.of(0, 1), Set.of(1), false);

        assertThat(round.idle()).isTrue();
    }

    @Test
    void aShardRunningWithoutItsLeaseIsFencedNeverHandedOff() {
        NodeRound round = NodeRound.decide("b", ASSIGNED, Set.of(0, 2), Set.of(2), Set.of(), false);

        assertThat(round.fence())
                .as("0 is assigned to a, but without a lease b may not commit a hand-off")
                .containsExactly(0);
        assertThat(round.handOff()).isEmpty();
    }

    @Test
    void aLeaseWithoutARunningShardIsReleasedAndTakenAfreshWhenAssignedHere() {
        NodeRound round = NodeRound.decide("a", ASSIGNED, Set.of(), Set.of(0, 2), Set.of(), false);

        assertThat(round.release()).containsExactly(0, 2);
        assertThat(round.start()).containsExactly(0, 1);
    }

    @Test
    void anUnassignedShardKeepsRunningWhereItRuns() {
        NodeRound round = NodeRound.decide("a", Assignment.EMPTY, Set.of(7), Set.of(7), Set.of(), false);

        assertThat(round.idle()).isTrue();
    }

    @Test
    void aDrainingNodeStartsNothingAndKeepsWhatIsStillAssignedToIt() {
        NodeRound round = NodeRound.decide("a", ASSIGNED, Set.of(0), Set.of(0), Set.of(), true);

        assertThat(round.idle())
                .as("1 waits for the leader to move it; 0 until it is moved")
                .isTrue();
    }
}
