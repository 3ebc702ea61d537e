package io.flotilla.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.fake.IdentifyGate.Decision;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IdentifyGateTest {

    private final MutableClock clock = new MutableClock();

    @Test
    void secondIdentifyOfABucketWithinTheWindowIsRefused() {
        IdentifyGate gate = new IdentifyGate(clock, 2, Duration.ofSeconds(5), 100, Duration.ofHours(24));

        assertThat(gate.tryIdentify(0)).isEqualTo(Decision.ALLOWED);
        assertThat(gate.tryIdentify(1)).isEqualTo(Decision.ALLOWED);
        assertThat(gate.tryIdentify(2)).isEqualTo(Decision.BUCKET_BUSY);
        clock.advance(Duration.ofMillis(4999));
        assertThat(gate.tryIdentify(2)).isEqualTo(Decision.BUCKET_BUSY);
        clock.advance(Duration.ofMillis(1));
        assertThat(gate.tryIdentify(2)).isEqualTo(Decision.ALLOWED);
    }

    @Test
    void budgetDecreasesPerAllowedIdentifyOnlyAndRefillsAtReset() {
        IdentifyGate gate = new IdentifyGate(clock, 1, Duration.ofSeconds(5), 2, Duration.ofMinutes(1));

        assertThat(gate.tryIdentify(0)).isEqualTo(Decision.ALLOWED);
        assertThat(gate.tryIdentify(0)).isEqualTo(Decision.BUCKET_BUSY);
        assertThat(gate.budget().remaining()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(5));
        assertThat(gate.tryIdentify(0)).isEqualTo(Decision.ALLOWED);
        clock.advance(Duration.ofSeconds(5));
        assertThat(gate.tryIdentify(0)).isEqualTo(Decision.BUDGET_EXHAUSTED);
        assertThat(gate.budget().remaining()).isZero();
        assertThat(gate.budget().resetAfterMillis()).isEqualTo(50_000);
        assertThat(gate.firstExhaustion()).isTrue();
        assertThat(gate.firstExhaustion()).isFalse();

        clock.advance(Duration.ofSeconds(50));
        assertThat(gate.budget().remaining()).isEqualTo(2);
        assertThat(gate.tryIdentify(0)).isEqualTo(Decision.ALLOWED);
        assertThat(gate.firstExhaustion()).isTrue();
    }
}
