package io.flotilla.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SendWindowTest {

    private final MutableClock clock = new MutableClock();

    @Test
    void refusesTheFrameOverTheLimitAndForgetsFramesThatLeftTheWindow() {
        SendWindow window = new SendWindow(clock, 3, Duration.ofSeconds(60));

        assertThat(window.tryAcquire()).isTrue();
        clock.advance(Duration.ofSeconds(30));
        assertThat(window.tryAcquire()).isTrue();
        assertThat(window.tryAcquire()).isTrue();
        assertThat(window.tryAcquire()).isFalse();
        clock.advance(Duration.ofSeconds(30));
        assertThat(window.tryAcquire()).isTrue();
        assertThat(window.tryAcquire()).isFalse();
    }
}
