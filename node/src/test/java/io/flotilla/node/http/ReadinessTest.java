package io.flotilla.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.gateway.ShardState;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ReadinessTest {
    private static ReadinessFacts facts(
            boolean joined,
            boolean draining,
            int assigned,
            Set<Integer> owned,
            Map<Integer, ShardState> states,
            Set<Integer> guildsPending) {
        return new ReadinessFacts(joined, draining, 4, assigned, new TreeSet<>(owned), states, guildsPending);
    }

    @Test
    void aNodeThatHasNotJoinedIsStarting() {
        Readiness readiness = Readiness.decide(ReadinessFacts.starting());
        assertThat(readiness.ready()).isFalse();
        assertThat(readiness.reason()).startsWith("starting");
    }

    @Test
    void everyOwnedShardReadyWithItsGuildsIsReady() {
        Readiness readiness = Readiness.decide(
                facts(true, false, 4, Set.of(0, 2), Map.of(0, ShardState.READY, 2, ShardState.READY), Set.of()));
        assertThat(readiness.ready()).isTrue();
        assertThat(readiness.shards()).isEmpty();
    }

    @Test
    void eachOwnedShardThatIsNotReadySaysWhy() {
        Readiness readiness = Readiness.decide(facts(
                true,
                false,
                4,
                Set.of(0, 1, 2, 3),
                Map.of(0, ShardState.READY, 1, ShardState.IDENTIFYING, 3, ShardState.READY),
                Set.of(3)));
        assertThat(readiness.ready()).isFalse();
        assertThat(readiness.shards())
                .containsExactlyInAnyOrderEntriesOf(Map.of(1, "IDENTIFYING", 2, "not started", 3, "guilds pending"));
        assertThat(readiness.reason()).isEqualTo("3 of 4 shards not ready");
    }

    @Test
    void aShardBeingHandedOffThatIsNoLongerOwnedDoesNotCount() {
        Readiness readiness = Readiness.decide(
                facts(true, false, 4, Set.of(0), Map.of(0, ShardState.READY, 1, ShardState.STOPPING), Set.of(1)));
        assertThat(readiness.ready()).isTrue();
    }

    @Test
    void noOwnedShardIsReadyOnlyOnceTheLeaderPlacedEveryShard() {
        assertThat(Readiness.decide(facts(true, false, 2, Set.of(), Map.of(), Set.of()))
                        .reason())
                .isEqualTo("starting: the leader has placed 2 of 4 shards");
        assertThat(Readiness.decide(facts(true, false, 4, Set.of(), Map.of(), Set.of()))
                        .ready())
                .isTrue();
    }

    @Test
    void aDrainingNodeIsNeverReady() {
        Readiness readiness = Readiness.decide(facts(true, true, 4, Set.of(0), Map.of(0, ShardState.READY), Set.of()));
        assertThat(readiness.ready()).isFalse();
        assertThat(readiness.reason()).startsWith("draining");
    }
}
