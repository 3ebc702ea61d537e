package io.flotilla.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HeartbeatMonitorTest {
    private final FakeClock clock = new FakeClock();
    private final HeartbeatMonitor monitor = new HeartbeatMonitor(Duration.ofMillis(41250));

    @Test
    void firstBeatIsJittered() {
        assertThat(monitor.firstDelay(0)).isZero();
        assertThat(monitor.firstDelay(0.5)).isEqualTo(Duration.ofMillis(20625));
        assertThatThrownBy(() -> monitor.firstDelay(1.0)).hasMessageContaining("[0, 1)");
    }

    @Test
    void ackedBeatsKeepGoingAndMeasureLatency() {
        assertThat(monitor.onTimer(clock.instant(), false)).isEqualTo(HeartbeatMonitor.Beat.SEND);
        assertThat(monitor.latency()).isNull();
        clock.advance(Duration.ofMillis(42));
        monitor.ackReceived(clock.instant());
        assertThat(monitor.latency()).isEqualTo(Duration.ofMillis(42));
        clock.advance(Duration.ofMillis(41250));
        assertThat(monitor.onTimer(clock.instant(), false)).isEqualTo(HeartbeatMonitor.Beat.SEND);
    }

    @Test
    void aBeatDueWithoutAnAckSinceThePreviousOneIsAZombie() {
        assertThat(monitor.onTimer(clock.instant(), false)).isEqualTo(HeartbeatMonitor.Beat.SEND);
        clock.advance(Duration.ofMillis(41250));
        assertThat(monitor.onTimer(clock.instant(), false)).isEqualTo(HeartbeatMonitor.Beat.ZOMBIE);
    }

    @Test
    void serverRequestedBeatIsAckedToo() {
        monitor.beatSent(clock.instant());
        clock.advance(Duration.ofMillis(7));
        monitor.ackReceived(clock.instant());
        assertThat(monitor.latency()).isEqualTo(Duration.ofMillis(7));
        assertThat(monitor.onTimer(clock.instant(), false)).isEqualTo(HeartbeatMonitor.Beat.SEND);
    }

    @Test
    void aStrayAckDoesNotInventLatency() {
        monitor.ackReceived(clock.instant());
        assertThat(monitor.latency()).isNull();
    }

    @Test
    void noZombieVerdictWhileTheSocketIsNotRead() {
        assertThat(monitor.onTimer(clock.instant(), false)).isEqualTo(HeartbeatMonitor.Beat.SEND);
        monitor.readingPaused();
        clock.advance(Duration.ofMillis(41250));
        // Paused now: the ACK may be unread in the socket.
        assertThat(monitor.onTimer(clock.instant(), true)).isEqualTo(HeartbeatMonitor.Beat.SEND);
        clock.advance(Duration.ofMillis(41250));
        // Reading again, but it was paused during this period: still no verdict.
        assertThat(monitor.onTimer(clock.instant(), false)).isEqualTo(HeartbeatMonitor.Beat.SEND);
        clock.advance(Duration.ofMillis(41250));
        // A whole period of reading without an ACK: zombie.
        assertThat(monitor.onTimer(clock.instant(), false)).isEqualTo(HeartbeatMonitor.Beat.ZOMBIE);
    }

    @Test
    void aPauseThatEndedBeforeTheBeatStillBlindsThatBeat() {
        assertThat(monitor.onTimer(clock.instant(), false)).isEqualTo(HeartbeatMonitor.Beat.SEND);
        monitor.readingPaused();
        clock.advance(Duration.ofMillis(41250));
        assertThat(monitor.onTimer(clock.instant(), false)).isEqualTo(HeartbeatMonitor.Beat.SEND);
        monitor.ackReceived(clock.instant());
        clock.advance(Duration.ofMillis(41250));
        assertThat(monitor.onTimer(clock.instant(), false)).isEqualTo(HeartbeatMonitor.Beat.SEND);
    }
}
