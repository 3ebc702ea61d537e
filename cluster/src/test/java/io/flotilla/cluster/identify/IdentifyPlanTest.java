package io.flotilla.cluster.identify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentifyPlanTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration FIVE_S = Duration.ofSeconds(5);

    @Test
    void aColdStartRunsTheBucketsRoundByRoundInCeilNOverMRounds() {
        IdentifyPlan plan = IdentifyPlan.coldStart(9, 4, FIVE_S);

        assertThat(plan.rounds()).containsExactly(List.of(0, 1, 2, 3), List.of(4, 5, 6, 7), List.of(8));
        assertThat(plan.starts()).isEqualTo(9);
        assertThat(plan.duration()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void aPartialStartCountsRoundsPerBucket() {
        IdentifyPlan plan = IdentifyPlan.of(List.of(7, 1, 3, 4), 2, FIVE_S);

        // Bucket 1 holds 1, 3, 7; bucket 0 holds 4: three rounds.
        assertThat(plan.rounds()).containsExactly(List.of(1, 4), List.of(3), List.of(7));
    }

    @Test
    void aPlanThatFitsBesideTheReserveMayRun() {
        IdentifyPlan.Check check = IdentifyPlan.coldStart(16, 1, FIVE_S)
                .check(SessionBudget.seenAt(1000, 20, 3_600_000, NOW), 4, false, NOW);

        assertThat(check.fits()).isTrue();
        assertThat(check.spendable()).isEqualTo(16);
    }

    @Test
    void aPlanThatNeedsTheReserveIsRefusedNamingTheNumbersAndTheOverride() {
        SessionBudget budget = SessionBudget.seenAt(1000, 18, 3_600_000, NOW);
        IdentifyPlan plan = IdentifyPlan.coldStart(16, 1, FIVE_S);

        IdentifyPlan.Check refused = plan.check(budget, 5, false, NOW);

        assertThat(refused.fits()).isFalse();
        assertThat(refused.message())
                .contains("need 16 session starts")
                .contains("18 of 1000 remain")
                .contains("reserve")
                .contains("explicit operator override")
                .contains("60 min");
        assertThat(plan.check(budget, 5, true, NOW).fits()).isTrue();
    }

    @Test
    void aPlanBeyondEverythingThatRemainsIsRefusedEvenWithTheOverride() {
        IdentifyPlan.Check refused =
                IdentifyPlan.coldStart(16, 1, FIVE_S).check(SessionBudget.seenAt(1000, 10, 0, NOW), 5, true, NOW);

        assertThat(refused.fits()).isFalse();
        assertThat(refused.message())
                .contains("need 16")
                .contains("10 of 1000 remain")
                .contains("wait for the reset");
    }
}
