package io.flotilla.gateway.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.gateway.policy.FakeClock;
import io.flotilla.protocol.ShardId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IdentifyScheduleTest {
    private final FakeClock clock = new FakeClock();

    private static ShardId shard(int id) {
        return new ShardId(id, 32);
    }

    @Test
    void oneIdentifyPerBucketPerWindow() {
        IdentifySchedule schedule = new IdentifySchedule(2, Duration.ofSeconds(5));
        assertThat(schedule.reserve(shard(0), clock.instant())).isZero();
        assertThat(schedule.reserve(shard(1), clock.instant())).isZero(); // other bucket
        assertThat(schedule.reserve(shard(2), clock.instant())).isEqualTo(Duration.ofSeconds(5));
        assertThat(schedule.reserve(shard(4), clock.instant())).isEqualTo(Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(12));
        assertThat(schedule.reserve(shard(6), clock.instant())).isEqualTo(Duration.ofSeconds(3));
        clock.advance(Duration.ofSeconds(30));
        assertThat(schedule.reserve(shard(0), clock.instant())).isZero();
    }

    @Test
    void theBucketIsShardIdsOneRule() {
        IdentifySchedule schedule = new IdentifySchedule(16, Duration.ofSeconds(5));
        assertThat(schedule.reserve(shard(17), clock.instant())).isZero();
        // 1 and 17 share bucket 1 of 16.
        assertThat(schedule.reserve(shard(1), clock.instant())).isEqualTo(Duration.ofSeconds(5));
        assertThat(schedule.reserve(shard(2), clock.instant())).isZero();
    }
}
