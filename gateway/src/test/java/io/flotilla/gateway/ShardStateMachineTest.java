package io.flotilla.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flotilla.gateway.policy.FakeClock;
import io.flotilla.protocol.ShardId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ShardStateMachineTest {
    private final FakeClock clock = new FakeClock();
    private final ShardStateMachine machine = new ShardStateMachine(new ShardId(1, 4), clock);

    @Test
    void aFullLifeIsObservedWithTimestamps() {
        List<StateChange> seen = new ArrayList<>();
        machine.addListener(seen::add);
        machine.moveTo(ShardState.CONNECTING, "start");
        clock.advance(Duration.ofSeconds(1));
        machine.moveTo(ShardState.IDENTIFYING, "hello");
        machine.moveTo(ShardState.READY, "READY");
        clock.advance(Duration.ofSeconds(1));
        machine.moveTo(ShardState.RECONNECTING, "drop");
        machine.moveTo(ShardState.CONNECTING, "again");
        machine.moveTo(ShardState.RESUMING, "hello");
        machine.moveTo(ShardState.READY, "RESUMED");
        machine.moveTo(ShardState.STOPPING, "stop");
        machine.moveTo(ShardState.STOPPED, "closed");
        assertThat(seen)
                .extracting(StateChange::to)
                .containsExactly(
                        ShardState.CONNECTING,
                        ShardState.IDENTIFYING,
                        ShardState.READY,
                        ShardState.RECONNECTING,
                        ShardState.CONNECTING,
                        ShardState.RESUMING,
                        ShardState.READY,
                        ShardState.STOPPING,
                        ShardState.STOPPED);
        assertThat(seen.get(0).at()).isEqualTo(clock.instant().minusSeconds(2));
        assertThat(seen.get(3).from()).isEqualTo(ShardState.READY);
        assertThat(seen.get(3).reason()).isEqualTo("drop");
        assertThat(seen.get(3).shard()).isEqualTo(new ShardId(1, 4));
    }

    @Test
    void illegalMovesNameFromAndTo() {
        assertThatThrownBy(() -> machine.moveTo(ShardState.READY, "too early"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("from NEW to READY")
                .hasMessageContaining("[1, 4]");
    }

    @ParameterizedTest
    @EnumSource(ShardState.class)
    void finalStatesAreFinal(ShardState to) {
        assertThat(ShardState.STOPPED.canMoveTo(to)).isFalse();
        assertThat(ShardState.FAILED.canMoveTo(to)).isFalse();
    }

    @Test
    void everyLiveStateCanFailOrStopButNotSkipTheHandshake() {
        for (ShardState s : List.of(
                ShardState.CONNECTING,
                ShardState.IDENTIFYING,
                ShardState.RESUMING,
                ShardState.READY,
                ShardState.RECONNECTING)) {
            assertThat(s.canMoveTo(ShardState.FAILED)).as(s + " -> FAILED").isTrue();
            assertThat(s.canMoveTo(ShardState.STOPPING)).as(s + " -> STOPPING").isTrue();
        }
        assertThat(ShardState.RECONNECTING.canMoveTo(ShardState.READY)).isFalse();
        assertThat(ShardState.CONNECTING.canMoveTo(ShardState.READY)).isFalse();
        assertThat(ShardState.IDENTIFYING.canMoveTo(ShardState.RESUMING)).isFalse();
    }

    @Test
    void aThrowingListenerDoesNotBreakTheMachine() {
        machine.addListener(change -> {
            throw new IllegalStateException("listener bug");
        });
        machine.moveTo(ShardState.CONNECTING, "start");
        assertThat(machine.current()).isEqualTo(ShardState.CONNECTING);
    }
}
