package io.flotilla.gateway.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.gateway.policy.FakeClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IdentifyScheduleTest {
    private final FakeClock clock = new FakeClock();

    @Test
    void oneIdentifyPerBucketPerWindow() {
        IdentifySchedule schedule = new IdentifySchedule(2, Duration.ofSeconds(5));
        assertThat(schedule.reserve(0, clock.instant())).isZero();
        assertThat(schedule.reserve(1, clock.instant())).isZero(); // other bucket
        assertThat(schedule.reserve(2, clock.instant())).isEqualTo(Duration.ofSeconds(5));
        assertThat(schedule.reserve(4, clock.instant())).isEqualTo(Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(12));
        assertThat(schedule.reserve(6, clock.instant())).isEqualTo(Duration.ofSeconds(3));
        clock.advance(Duration.ofSeconds(30));
        assertThat(schedule.reserve(0, clock.instant())).isZero();
    }

    @Test
    void bucketIsShardModuloConcurrency() {
        IdentifySchedule schedule = new IdentifySchedule(16, Duration.ofSeconds(5));
        assertThat(schedule.bucketOf(17)).isEqualTo(1);
    }
}
