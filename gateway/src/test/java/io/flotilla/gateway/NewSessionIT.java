package io.flotilla.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.fake.FakeShard;
import io.flotilla.fake.IdentifyRecord;
import io.flotilla.gateway.SessionEnd.Reason;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Faults that end the session (GATEWAY.md 5.6): a new identify on the gateway url, seq reset. */
class NewSessionIT {
    static Stream<Arguments> sessionEndingFaults() {
        return Stream.of(
                Arguments.of("op 9 false", (Consumer<FakeShard>) s -> s.invalidateSession(false), Reason.INVALIDATED),
                Arguments.of("close 4003", (Consumer<FakeShard>) s -> s.close(4003), Reason.INVALIDATED),
                Arguments.of("close 4007", (Consumer<FakeShard>) s -> s.close(4007), Reason.INVALID_SEQ),
                Arguments.of("close 4009", (Consumer<FakeShard>) s -> s.close(4009), Reason.TIMED_OUT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessionEndingFaults")
    void identifiesAgainWithAFreshSession(String name, Consumer<FakeShard> fault, Reason reason) {
        try (FakeGatewayHarness h = new FakeGatewayHarness()) {
            Shard shard = h.ready(1);
            String first = Objects.requireNonNull(shard.session()).sessionId();
            h.fake.shard(1).emit(10);
            fault.accept(h.fake.shard(1));
            await().atMost(FakeGatewayHarness.WAIT)
                    .until(() -> h.fake.log().identifies().size() == 2);
            FakeGatewayHarness.awaitState(shard, ShardState.READY);
            String second = Objects.requireNonNull(shard.session()).sessionId();

            assertThat(second).isNotEqualTo(first);
            assertThat(h.fake.log().resumes()).isEmpty();
            List<IdentifyRecord> identifies = h.fake.log().identifies();
            assertThat(identifies).extracting(IdentifyRecord::outcome).containsExactly("READY", "READY");
            // The new session starts at READY = 1: the seq was reset, not carried over.
            await().atMost(FakeGatewayHarness.WAIT)
                    .until(() -> !h.sink.seqs(second).isEmpty());
            assertThat(h.sink.seqs(second).get(0)).isEqualTo(1L);
            assertThat(h.fake.log().connections().get(1).path()).isEqualTo("/");
            // The store was told which session ended and why (a gap record, in the cluster's store).
            assertThat(h.store.ends()).singleElement().satisfies(end -> {
                assertThat(end.sessionId()).isEqualTo(first);
                assertThat(end.reason()).isEqualTo(reason);
                assertThat(end.reason().gap()).isTrue();
            });
        }
    }
}
