package io.flotilla.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SendBudgetTest {
    private final FakeClock clock = new FakeClock();

    @Test
    void allowsTheLimitPerSlidingWindow() {
        SendBudget budget = new SendBudget(110, Duration.ofSeconds(60));
        for (int i = 0; i < 110; i++) {
            assertThat(budget.tryAcquire(clock.instant())).isTrue();
            clock.advance(Duration.ofMillis(100));
        }
        // 11 s after the first send, the window is full.
        assertThat(budget.tryAcquire(clock.instant())).isFalse();
        assertThat(budget.waitTime(clock.instant())).isEqualTo(Duration.ofSeconds(49));
        clock.advance(Duration.ofSeconds(49));
        assertThat(budget.tryAcquire(clock.instant())).isTrue();
        assertThat(budget.tryAcquire(clock.instant())).isFalse(); // the second send left only 100 ms later
        clock.advance(Duration.ofMillis(100));
        assertThat(budget.tryAcquire(clock.instant())).isTrue();
    }

    @Test
    void neverMoreThanTheLimitInAnyWindowOfABurst() {
        SendBudget budget = new SendBudget(10, Duration.ofSeconds(1));
        int sent = 0;
        for (int step = 0; step < 3000; step++) {
            while (budget.tryAcquire(clock.instant())) {
                sent++;
            }
            clock.advance(Duration.ofMillis(1));
        }
        // 3 s of a greedy sender: windows [0,1), [1,2), [2,3) plus the one starting exactly at 3 s.
        assertThat(sent).isEqualTo(30);
    }

    @Test
    void freeBudgetHasNoWait() {
        SendBudget budget = new SendBudget(2, Duration.ofSeconds(1));
        assertThat(budget.waitTime(clock.instant())).isZero();
    }
}
