package io.flotilla.cluster.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Deadlines, epochs and tokens, on a clock the test moves. */
class LeaseArithmeticTest {
    private static final LeaseConfig CONFIG =
            LeaseConfig.DEFAULTS.withTiming(Duration.ofMillis(3000), Duration.ofMillis(1000), Duration.ofMillis(500));
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void theDeadlineCountsFromWhenTheRenewalWasSentNotAnswered() {
        Instant sentAt = now;
        now = now.plusMillis(400); // the reply took 400 ms
        Hold<String> hold = Hold.sentAt("lease", sentAt, CONFIG);

        assertThat(hold.deadline()).isEqualTo(sentAt.plusMillis(2500));
        assertThat(hold.remaining(now)).isEqualTo(Duration.ofMillis(2100));
        assertThat(hold.expiredAt(sentAt.plusMillis(2499))).isFalse();
        assertThat(hold.expiredAt(sentAt.plusMillis(2500))).isTrue();
        assertThat(hold.remaining(sentAt.plusMillis(9000))).isZero();
    }

    @Test
    void aRenewalMovesTheDeadlineOnButALateReplyToAnOlderOneNeverBack() {
        Hold<String> hold = Hold.sentAt("lease", now, CONFIG);
        Hold<String> renewed = hold.renewedAt(now.plusMillis(1000), CONFIG);

        assertThat(renewed.deadline()).isEqualTo(now.plusMillis(3500));
        assertThat(renewed.renewedAt(now.plusMillis(500), CONFIG)).isSameAs(renewed);
    }

    @Test
    void settingsThatCannotRenewBeforeTheDeadlineAreRefused() {
        assertThatThrownBy(() -> LeaseConfig.DEFAULTS.withTiming(
                        Duration.ofMillis(1500), Duration.ofMillis(1000), Duration.ofMillis(300)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lengthen the ttl or renew more often");
    }

    @Test
    void theEpochCounterMustNeverGoBack() {
        EpochWatch epochs = new EpochWatch();
        epochs.issued(3);
        epochs.read(3);
        epochs.issued(5);

        assertThatThrownBy(() -> epochs.issued(5)).isInstanceOf(EpochRegressedException.class);
        assertThatThrownBy(() -> epochs.read(1))
                .isInstanceOfSatisfying(EpochRegressedException.class, e -> {
                    assertThat(e.highestSeen()).isEqualTo(5);
                    assertThat(e.found()).isEqualTo(1);
                })
                .hasMessageContaining("Redis lost state");
        assertThat(epochs.highest()).isEqualTo(5);
    }

    @Test
    void tokensNameANodeAndAnEpoch() {
        assertThat(new LeaderTerm("123", 7).token()).isEqualTo("123:7");
        assertThat(LeaderTerm.parse("123:7")).contains(new LeaderTerm("123", 7));
        assertThat(LeaderTerm.parse("123")).isEmpty();
        assertThat(LeaderTerm.parse("a:b:7")).isEmpty();
        assertThat(LeaderTerm.parse("123:x")).isEmpty();
        assertThat(LeaderTerm.parse("123:0")).isEmpty();
        assertThat(!ShardFence.NONE.fenced()).isTrue();
    }

    @Test
    void theReplicaCountComesFromInfoReplication() {
        assertThat(ReplicaConfirm.connectedReplicas("# Replication\r\nrole:master\r\nconnected_slaves:2\r\n"))
                .isEqualTo(2);
        assertThat(ReplicaConfirm.connectedReplicas("# Replication\r\nrole:master\r\nconnected_slaves:0\r\n"))
                .isZero();
        assertThat(ReplicaConfirm.connectedReplicas("role:slave\r\n")).isZero();
    }
}
