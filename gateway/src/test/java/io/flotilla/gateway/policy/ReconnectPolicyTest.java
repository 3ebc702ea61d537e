package io.flotilla.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.gateway.SessionEnd;
import io.flotilla.protocol.CloseCode;
import io.flotilla.protocol.Recovery;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {
    private static final Attempt CONNECT_FAILED = new Attempt(true, false, false, false);
    private static final Attempt RESUME_SENT = new Attempt(true, true, true, false);
    private static final Attempt LIVE = new Attempt(true, true, true, true);
    private static final Attempt NO_SESSION = new Attempt(false, false, false, false);

    private final FakeClock clock = new FakeClock();
    private final ReconnectPolicy policy = new ReconnectPolicy(new ReconnectBackoff(
            Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(60), new SplittableRandom(7)));

    private ReconnectDecision decide(ConnectionEnd end, Attempt attempt) {
        ReconnectDecision decision = policy.decide(end, attempt, clock.instant());
        clock.advance(decision.delay());
        return decision;
    }

    @Test
    void failedConnectsNeverEndALiveSessionAndSwitchToTheGatewayUrl() {
        for (int i = 1; i <= 20; i++) {
            ReconnectDecision next = decide(ConnectionEnd.dropped("connect refused"), CONNECT_FAILED);
            assertThat(next.recovery()).as("attempt %d", i).isEqualTo(Recovery.RESUME);
            assertThat(next.endSession()).isNull();
            assertThat(next.viaGatewayUrl()).as("attempt %d", i).isEqualTo(i >= ReconnectPolicy.MAX_FAILED_CONNECTS);
            // Capped and jittered: never above the 60 s cap, at least half of it once there.
            assertThat(next.delay()).isLessThanOrEqualTo(Duration.ofSeconds(60));
        }
        assertThat(decide(ConnectionEnd.dropped("refused"), CONNECT_FAILED).delay())
                .isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
        assertThat(decide(ConnectionEnd.dropped("no HELLO"), CONNECT_FAILED).why())
                .contains("resuming through the gateway url");
    }

    @Test
    void aLiveSessionStartsTheCountsOver() {
        for (int i = 0; i < 3; i++) {
            decide(ConnectionEnd.dropped("refused"), CONNECT_FAILED);
        }
        policy.sessionLive(clock.instant());
        assertThat(decide(ConnectionEnd.closedByServer(4000), LIVE).viaGatewayUrl())
                .isFalse();
        assertThat(policy.failedConnects()).isZero();
    }

    @Test
    void resumesThatReachDiscordAndFailGiveTheSessionUpAfterThree() {
        assertThat(decide(ConnectionEnd.closedByServer(4000), RESUME_SENT).recovery())
                .isEqualTo(Recovery.RESUME);
        assertThat(decide(ConnectionEnd.dropped("cut"), RESUME_SENT).recovery()).isEqualTo(Recovery.RESUME);
        ReconnectDecision third = decide(ConnectionEnd.closedByServer(4000), RESUME_SENT);
        assertThat(third.recovery()).isEqualTo(Recovery.IDENTIFY);
        assertThat(third.endSession()).isEqualTo(SessionEnd.Reason.RESUME_FAILED);
        assertThat(third.viaGatewayUrl()).isTrue();
        assertThat(third.why()).contains("3 resume attempts failed");
    }

    @Test
    void onlyDiscordEndsASession() {
        assertThat(decide(ConnectionEnd.closedByServer(4007), LIVE).endSession())
                .isEqualTo(SessionEnd.Reason.INVALID_SEQ);
        assertThat(decide(ConnectionEnd.closedByServer(4009), LIVE).endSession())
                .isEqualTo(SessionEnd.Reason.TIMED_OUT);
        assertThat(decide(ConnectionEnd.closedByServer(4003), LIVE).endSession())
                .isEqualTo(SessionEnd.Reason.INVALIDATED);
        ReconnectDecision refused = decide(
                ConnectionEnd.planned(
                        "op 9", Recovery.IDENTIFY, Duration.ofSeconds(2), SessionEnd.Reason.RESUME_REFUSED),
                RESUME_SENT);
        assertThat(refused.recovery()).isEqualTo(Recovery.IDENTIFY);
        assertThat(refused.endSession()).isEqualTo(SessionEnd.Reason.RESUME_REFUSED);
        assertThat(refused.delay()).isEqualTo(Duration.ofSeconds(2));
        for (int code : new int[] {1000, 1001, 4000, 4001, 4002, 4005, 4008, 4999}) {
            assertThat(decide(ConnectionEnd.closedByServer(code), LIVE).endSession())
                    .as("close %d", code)
                    .isNull();
        }
    }

    @Test
    void withoutASessionEverythingIdentifiesAndNothingIsEnded() {
        ReconnectDecision next = decide(ConnectionEnd.closedByServer(4009), NO_SESSION);
        assertThat(next.recovery()).isEqualTo(Recovery.IDENTIFY);
        assertThat(next.endSession()).isNull();
        assertThat(decide(ConnectionEnd.dropped("refused"), NO_SESSION).recovery())
                .isEqualTo(Recovery.IDENTIFY);
    }

    @Test
    void fatalCodesStopWithTheirScope() {
        ReconnectDecision token = decide(ConnectionEnd.closedByServer(4004), LIVE);
        assertThat(token.recovery()).isEqualTo(Recovery.STOP);
        assertThat(token.fatal()).isEqualTo(CloseCode.AUTHENTICATION_FAILED);
        assertThat(token.why()).contains("BOT_TOKEN");
        assertThat(decide(ConnectionEnd.closedByServer(4011), LIVE).fatal()).isEqualTo(CloseCode.SHARDING_REQUIRED);
    }

    @Test
    void aPlannedDelayWinsOverTheBackoff() {
        ReconnectDecision op7 = decide(ConnectionEnd.planned("op 7", Recovery.RESUME, Duration.ZERO, null), LIVE);
        assertThat(op7.delay()).isZero();
        assertThat(op7.recovery()).isEqualTo(Recovery.RESUME);
        assertThat(op7.viaGatewayUrl()).isFalse();
    }
}
