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
    /** No client close: the server ended the connection, the shard only reconnects. */
    private static final int NONE = -1;

    static Stream<Arguments> resumableFaults() {
        int own = ShardConnection.RECONNECT_CLOSE;
        return Stream.of(
                Arguments.of("TCP drop (1006)", (Consumer<FakeShard>) FakeShard::dropConnection, NONE),
                Arguments.of("op 7 reconnect", (Consumer<FakeShard>) FakeShard::sendReconnect, own),
                Arguments.of("op 9 true", (Consumer<FakeShard>) s -> s.invalidateSession(true), own),
                Arguments.of("zombie (no ACKs)", (Consumer<FakeShard>) FakeShard::stopHeartbeatAcks, own),
                Arguments.of("close 4000", (Consumer<FakeShard>) s -> s.close(4000), NONE),
                Arguments.of("close 4001", (Consumer<FakeShard>) s -> s.close(4001), NONE),
                Arguments.of("close 4002", (Consumer<FakeShard>) s -> s.close(4002), NONE),
                Arguments.of("close 4005", (Consumer<FakeShard>) s -> s.close(4005), NONE),
                Arguments.of("close 4008", (Consumer<FakeShard>) s -> s.close(4008), NONE),
                Arguments.of("server close 1000", (Consumer<FakeShard>) s -> s.close(1000), NONE),
                Arguments.of("unknown close 4321", (Consumer<FakeShard>) s -> s.close(4321), NONE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resumableFaults")
    void resumesOnTheResumeUrlWithNothingMissingOrRepeated(String name, Consumer<FakeShard> fault, int clientClose) {
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
            if (clientClose != NONE) {
                // The shard itself closed the first connection, with its resumable code.
                assertThat(h.fake.log().connections().get(0).end()).isEqualTo(ConnectionEnd.CLIENT_CLOSED);
                assertThat(h.fake.log().connections().get(0).closeCode()).isEqualTo(clientClose);
            }
            // The client never ends a session it means to resume with 1000/1001 (section 14 item 5).
            assertThat(h.fake.log().connections())
                    .filteredOn(c -> c.end() == ConnectionEnd.CLIENT_CLOSED)
                    .allSatisfy(c -> assertThat(c.closeCode()).isNotIn(1000, 1001));
        }
    }
}
