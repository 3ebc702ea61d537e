package io.flotilla.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MemberRequestLimiterTest {

    private final MutableClock clock = new MutableClock();

    @Test
    void oneFullListPerGuildPerCooldown() {
        MemberRequestLimiter limiter = new MemberRequestLimiter(clock, Duration.ofSeconds(30));

        assertThat(limiter.tryFullRequest("1")).isZero();
        assertThat(limiter.tryFullRequest("2")).isZero();
        clock.advance(Duration.ofMillis(8500));
        assertThat(limiter.tryFullRequest("1")).isEqualTo(21.5);
        clock.advance(Duration.ofMillis(21_500));
        assertThat(limiter.tryFullRequest("1")).isZero();
    }
}
