package io.flotilla.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MemberRequestLimiterTest {

    private final MutableClock clock = new MutableClock();
    private final MemberRequestLimiter limiter = new MemberRequestLimiter(clock, Duration.ofSeconds(30));

    @Test
    void oneFullListPerGuildPerCooldownOtherGuildsAreFine() {
        assertThat(limiter.tryFullRequest("1")).isEmpty();
        assertThat(limiter.tryFullRequest("2")).isEmpty();
        clock.advance(Duration.ofMillis(8500));
        assertThat(limiter.tryFullRequest("1")).contains(Duration.ofMillis(21_500));
        clock.advance(Duration.ofMillis(21_500));
        assertThat(limiter.tryFullRequest("1")).isEmpty();
    }

    @Test
    void aRefusedRequestDoesNotRestartTheWindow() {
        limiter.tryFullRequest("1");
        clock.advance(Duration.ofSeconds(20));
        assertThat(limiter.tryFullRequest("1")).contains(Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(10));
        assertThat(limiter.tryFullRequest("1")).isEmpty();
    }

    @Test
    void lessThanAMillisecondLeftIsStillLimitedAndNeverReportedAsZero() {
        limiter.tryFullRequest("1");
        clock.advance(Duration.ofSeconds(30).minusNanos(1000));

        assertThat(limiter.tryFullRequest("1")).contains(Duration.ofNanos(1000));
        assertThat(MemberRequestLimiter.seconds(Duration.ofNanos(1000))).isEqualTo(0.001);
        assertThat(MemberRequestLimiter.seconds(Duration.ofMillis(21_500))).isEqualTo(21.5);
    }
}
