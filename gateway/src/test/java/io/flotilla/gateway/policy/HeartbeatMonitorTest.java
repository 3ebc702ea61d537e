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
        clock.advance(Duration.ofMillis(41250));
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
        monitor.ackReceived(clock.instant()); // the first beat's ACK, read late
        monitor.ackReceived(clock.instant()); // the second's
        clock.advance(Duration.ofMillis(41250));
        assertThat(monitor.onTimer(clock.instant(), false)).isEqualTo(HeartbeatMonitor.Beat.SEND);
    }

    @Test
    void anExtraBeatInFlightWhenTheTimerFiresIsNoZombie() {
        assertThat(monitor.onTimer(clock.instant(), false)).isEqualTo(HeartbeatMonitor.Beat.SEND);
        clock.advance(Duration.ofMillis(30));
        monitor.ackReceived(clock.instant());
        clock.advance(Duration.ofMillis(41200));
        monitor.extraBeatSent(clock.instant()); // a receipt beat, 20 ms before the timer
        clock.advance(Duration.ofMillis(20));
        assertThat(monitor.onTimer(clock.instant(), false)).isEqualTo(HeartbeatMonitor.Beat.SEND);
        clock.advance(Duration.ofMillis(40));
        monitor.ackReceived(clock.instant());
        assertThat(monitor.latency()).as("the receipt beat's round trip").isEqualTo(Duration.ofMillis(60));
        clock.advance(Duration.ofMillis(5));
        monitor.ackReceived(clock.instant());
        assertThat(monitor.latency()).as("the timer beat's round trip").isEqualTo(Duration.ofMillis(45));
        clock.advance(Duration.ofMillis(41250));
        assertThat(monitor.onTimer(clock.instant(), false)).isEqualTo(HeartbeatMonitor.Beat.SEND);
    }

    @Test
    void anExtraBeatUnansweredForAWholeIntervalIsAZombie() {
        assertThat(monitor.onTimer(clock.instant(), false)).isEqualTo(HeartbeatMonitor.Beat.SEND);
        clock.advance(Duration.ofMillis(30));
        monitor.ackReceived(clock.instant());
        clock.advance(Duration.ofMillis(1000));
        monitor.extraBeatSent(clock.instant());
        clock.advance(Duration.ofMillis(40220));
        // Unanswered for 40 s, but sent after the previous timer beat: judged on the next run.
        assertThat(monitor.onTimer(clock.instant(), false)).isEqualTo(HeartbeatMonitor.Beat.SEND);
        clock.advance(Duration.ofMillis(41250));
        assertThat(monitor.onTimer(clock.instant(), false)).isEqualTo(HeartbeatMonitor.Beat.ZOMBIE);
    }

    @Test
    void oneAckAnswersOneBeatOnly() {
        assertThat(monitor.onTimer(clock.instant(), false)).isEqualTo(HeartbeatMonitor.Beat.SEND);
        clock.advance(Duration.ofMillis(10));
        monitor.extraBeatSent(clock.instant());
        clock.advance(Duration.ofMillis(30));
        monitor.ackReceived(clock.instant()); // answers the timer beat; the extra beat is still open
        clock.advance(Duration.ofMillis(41210));
        assertThat(monitor.onTimer(clock.instant(), false)).isEqualTo(HeartbeatMonitor.Beat.SEND);
        clock.advance(Duration.ofMillis(41250));
        assertThat(monitor.onTimer(clock.instant(), false)).isEqualTo(HeartbeatMonitor.Beat.ZOMBIE);
    }

    @Test
    void aLateTimerCatchingUpAfterAStallIsNoZombie() {
        assertThat(monitor.onTimer(clock.instant(), false)).isEqualTo(HeartbeatMonitor.Beat.SEND);
        clock.advance(Duration.ofMillis(30));
        monitor.ackReceived(clock.instant());
        // The event loop stalls for 2.5 intervals; the fixed-rate timer then runs the missed ticks back to back.
        clock.advance(Duration.ofMillis(41250 * 5 / 2));
        assertThat(monitor.onTimer(clock.instant(), false)).isEqualTo(HeartbeatMonitor.Beat.SEND);
        clock.advance(Duration.ofMillis(1));
        // The beat went out 1 ms ago: its ACK cannot be due yet.
        assertThat(monitor.onTimer(clock.instant(), false)).isNotEqualTo(HeartbeatMonitor.Beat.ZOMBIE);
        // Judged a full interval after the beat was sent: unanswered, a zombie.
        clock.advance(Duration.ofMillis(41250));
        assertThat(monitor.onTimer(clock.instant(), false)).isEqualTo(HeartbeatMonitor.Beat.ZOMBIE);
    }

    @Test
    void aTimerRightAfterAServerRequestedBeatWaitsForItsAck() {
        assertThat(monitor.onTimer(clock.instant(), false)).isEqualTo(HeartbeatMonitor.Beat.SEND);
        monitor.ackReceived(clock.instant());
        clock.advance(Duration.ofMillis(41000));
        monitor.beatSent(clock.instant()); // op 1 from the server
        clock.advance(Duration.ofMillis(250));
        assertThat(monitor.onTimer(clock.instant(), false)).isNotEqualTo(HeartbeatMonitor.Beat.ZOMBIE);
    }
}
