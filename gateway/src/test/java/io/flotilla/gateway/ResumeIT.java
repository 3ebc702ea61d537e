package io.flotilla.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.fake.ConnectionEnd;
import io.flotilla.fake.FakeShard;
import io.flotilla.fake.ResumeRecord;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every fault GATEWAY.md 5.6 answers with a resume: the session continues with no event missing or repeated. */
class ResumeIT {
    static Stream<Arguments> resumableFaults() {
        return Stream.of(
                Arguments.of("TCP drop (1006)", (Consumer<FakeShard>) FakeShard::dropConnection),
                Arguments.of("op 7 reconnect", (Consumer<FakeShard>) FakeShard::sendReconnect),
                Arguments.of("op 9 true", (Consumer<FakeShard>) s -> s.invalidateSession(true)),
                Arguments.of("zombie (no ACKs)", (Consumer<FakeShard>) FakeShard::stopHeartbeatAcks),
                Arguments.of("close 4000", (Consumer<FakeShard>) s -> s.close(4000)),
                Arguments.of("close 4001", (Consumer<FakeShard>) s -> s.close(4001)),
                Arguments.of("close 4002", (Consumer<FakeShard>) s -> s.close(4002)),
                Arguments.of("close 4005", (Consumer<FakeShard>) s -> s.close(4005)),
                Arguments.of("close 4008", (Consumer<FakeShard>) s -> s.close(4008)),
                Arguments.of("server close 1000", (Consumer<FakeShard>) s -> s.close(1000)),
                Arguments.of("unknown close 4321", (Consumer<FakeShard>) s -> s.close(4321)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resumableFaults")
    void resumesOnTheResumeUrlWithNothingMissingOrRepeated(String name, Consumer<FakeShard> fault) {
        try (FakeGatewayHarness h = new FakeGatewayHarness()) {
            Shard shard = h.ready(0);
            FakeShard fakeShard = h.fake.shard(0);
            String session = java.util.Objects.requireNonNull(shard.session()).sessionId();
            fakeShard.emit(50);
            fault.accept(fakeShard);
            fakeShard.emit(50); // some of these are produced while the shard is away and must be replayed
            await().atMost(FakeGatewayHarness.WAIT)
                    .until(() -> h.fake.log().resumes().stream()
                            .anyMatch(r -> r.outcome().equals("RESUMED")));
            fakeShard.resumeHeartbeatAcks();
            FakeGatewayHarness.awaitState(shard, ShardState.READY);
            fakeShard.emit(20);
            await().atMost(FakeGatewayHarness.WAIT)
                    .until(() ->
                            h.sink.seqs(session).size() == h.produced(session).size());

            ResumeRecord resume = h.fake.log().resumes().get(0);
            assertThat(resume.path()).isEqualTo("/resume");
            assertThat(resume.sessionId()).isEqualTo(session);
            assertThat(h.fake.log().identifies()).hasSize(1);
            List<Long> seqs = h.sink.seqs(session);
            assertThat(seqs).isEqualTo(h.produced(session)).doesNotHaveDuplicates();
            assertThat(h.sink.types()).contains("RESUMED");
            // The client never ends a session it means to resume with 1000/1001 (section 14 item 5).
            assertThat(h.fake.log().connections())
                    .filteredOn(c -> c.end() == ConnectionEnd.CLIENT_CLOSED)
                    .allSatisfy(c -> assertThat(c.closeCode()).isNotIn(1000, 1001));
        }
    }
}
