package io.flotilla.cluster.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SnowflakeTest {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final InstantSource clock = () -> now;

    @Test
    void idsCarryTheirTimeAndGrow() {
        Snowflake ids = new Snowflake(clock, new Random(1));
        long first = ids.next();
        now = now.plusMillis(5);
        long second = ids.next();

        assertThat(first).isPositive();
        assertThat(second).isGreaterThan(first);
        assertThat(Snowflake.timeOf(first)).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(Snowflake.timeOf(second)).isEqualTo(now);
        assertThat(ids.nextNodeId()).matches("[0-9]+");
    }

    @Test
    void aFullMillisecondBorrowsTheNextInsteadOfRepeatingOrSleeping() {
        Snowflake ids = new Snowflake(clock, new Random(2));
        Set<Long> seen = new HashSet<>();
        long previous = -1;
        for (int i = 0; i < 3 * 4096; i++) {
            long id = ids.next();
            assertThat(id).isGreaterThan(previous);
            seen.add(id);
            previous = id;
        }
        assertThat(seen).hasSize(3 * 4096);
        assertThat(Snowflake.timeOf(previous)).isEqualTo(now.plusMillis(2));
    }

    @Test
    void aClockThatGoesBackDoesNotMakeIdsGoBack() {
        Snowflake ids = new Snowflake(clock, new Random(3));
        long before = ids.next();
        now = now.minus(Duration.ofSeconds(10));

        assertThat(ids.next()).isGreaterThan(before);
    }

    @Test
    void generatorsDifferInTheirRandomBits() {
        Set<Long> instances = new HashSet<>();
        Random seeds = new Random(4);
        for (int i = 0; i < 50; i++) {
            long id = new Snowflake(clock, new Random(seeds.nextLong())).next();
            instances.add((id >>> Snowflake.SEQUENCE_BITS) & ((1L << Snowflake.RANDOM_BITS) - 1));
        }
        assertThat(instances).hasSizeGreaterThan(40);
    }

    @Test
    void aClockBeforeTheEpochIsRefusedWithTheReason() {
        now = Instant.parse("2020-01-01T00:00:00Z");
        Snowflake ids = new Snowflake(clock, new Random(5));

        assertThatThrownBy(ids::next).hasMessageContaining("outside the ids' range");
    }
}
