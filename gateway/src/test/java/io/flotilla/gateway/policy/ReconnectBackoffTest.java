package io.flotilla.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {
    private final FakeClock clock = new FakeClock();

    /** A random source that always returns the same double. */
    private static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    private static ReconnectBackoff backoff(RandomGenerator random) {
        return new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60), random);
    }

    @Test
    void doublesUpToTheCapWithTheUpperJitter() {
        ReconnectBackoff b = backoff(fixed(0.999999));
        long[] expected = {1000, 2000, 4000, 8000, 16000, 30000, 30000};
        for (long millis : expected) {
            assertThat(b.nextDelay(clock.instant()).toMillis()).isEqualTo(millis);
        }
    }

    @Test
    void lowerJitterIsHalfTheCeiling() {
        ReconnectBackoff b = backoff(fixed(0));
        assertThat(b.nextDelay(clock.instant())).isEqualTo(Duration.ofMillis(500));
        assertThat(b.nextDelay(clock.instant())).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void jitterSpreadsDelaysWithinBounds() {
        ReconnectBackoff b = backoff(new SplittableRandom(7));
        for (int i = 0; i < 5; i++) {
            b.nextDelay(clock.instant());
        }
        for (int i = 0; i < 100; i++) {
            assertThat(b.nextDelay(clock.instant())).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));
        }
    }

    @Test
    void aHealthySessionResetsTheAttempts() {
        ReconnectBackoff b = backoff(fixed(0.999999));
        for (int i = 0; i < 4; i++) {
            b.nextDelay(clock.instant());
        }
        b.sessionStarted(clock.instant());
        clock.advance(Duration.ofSeconds(59));
        assertThat(b.nextDelay(clock.instant())).isEqualTo(Duration.ofSeconds(16)); // not healthy long enough
        b.sessionStarted(clock.instant());
        clock.advance(Duration.ofSeconds(60));
        assertThat(b.nextDelay(clock.instant())).isEqualTo(Duration.ofSeconds(1));
        assertThat(b.attempts()).isEqualTo(1);
    }

    @Test
    void rejectsNonsenseBounds() {
        assertThatThrownBy(() ->
                        new ReconnectBackoff(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ZERO, fixed(0)))
                .hasMessageContaining("base <= max");
    }
}
