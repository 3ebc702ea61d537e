package io.flotilla.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.fake.ConnectionRecord;
import io.flotilla.gateway.local.InMemorySessionStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A hand-off closes with a resumable code and the next owner resumes exactly where the first stopped. */
class HandOffIT {
    @Test
    void theNextOwnerResumesWithNothingMissingOrRepeated() throws Exception {
        try (FakeGatewayHarness h = new FakeGatewayHarness()) {
            Shard first = h.ready(0);
            h.fake.shard(0).emit(100);
            StoredSession handed = first.handOff().get(20, TimeUnit.SECONDS);
            assertThat(first.state()).isEqualTo(ShardState.STOPPED);
            await().atMost(FakeGatewayHarness.WAIT)
                    .until(() -> h.fake.log().connections().get(0).closedAt() != null);
            ConnectionRecord closed = h.fake.log().connections().get(0);
            assertThat(closed.closeCode()).isEqualTo(ShardConnection.HAND_OFF_CLOSE);
            assertThat(handed.resumeUrl()).isEqualTo(h.fake.resumeGatewayUrl().toString());
            h.fake.shard(0).emit(50); // produced while nobody is connected

            // The next owner: its own store holding only the handed-over session.
            InMemorySessionStore nextStore = new InMemorySessionStore();
            nextStore.save(first.id(), handed);
            Shard next = h.shard(h.config(0), new ShardPorts(h.gate, nextStore, h.sink));
            next.start();
            FakeGatewayHarness.awaitState(next, ShardState.READY);
            String session = handed.sessionId();
            await().atMost(FakeGatewayHarness.WAIT)
                    .until(() ->
                            h.sink.seqs(session).size() == h.produced(session).size());

            assertThat(h.fake.log().identifies()).hasSize(1);
            assertThat(h.fake.log().resumes()).singleElement().satisfies(r -> {
                assertThat(r.outcome()).isEqualTo("RESUMED");
                assertThat(r.seq()).isEqualTo(handed.seq());
                assertThat(r.path()).isEqualTo("/resume");
            });
            assertThat(h.sink.seqs(session)).isEqualTo(h.produced(session)).doesNotHaveDuplicates();
        }
    }

    @Test
    void aPartialFlushHandsOverTheCommittedSeqSoTheNextOwnerGetsTheRestReplayed() throws Exception {
        try (FakeGatewayHarness h = new FakeGatewayHarness()) {
            Shard first = h.ready(0);
            String session = java.util.Objects.requireNonNull(first.session()).sessionId();
            h.emitAndAwait(0, session, 100);
            long received = java.util.Objects.requireNonNull(first.session()).seq();
            h.sink.lagBehind(30); // the store committed all but the last 30
            StoredSession handed = first.handOff().get(20, TimeUnit.SECONDS);
            assertThat(handed.seq()).isEqualTo(received - 30);
            assertThat(h.sink.flushTimeouts()).containsExactly(h.timings().handOffTimeout());

            InMemorySessionStore nextStore = new InMemorySessionStore();
            nextStore.save(first.id(), handed);
            int before = h.sink.seqs(session).size();
            Shard next = h.shard(h.config(0), new ShardPorts(h.gate, nextStore, h.sink));
            next.start();
            FakeGatewayHarness.awaitState(next, ShardState.READY);
            await().atMost(FakeGatewayHarness.WAIT)
                    .until(() -> h.sink.seqs(session).size() >= before + 30);
            assertThat(h.sink.seqs(session).subList(before, before + 30))
                    .as("what was received but never committed comes again")
                    .isEqualTo(h.produced(session).subList((int) received - 30, (int) received));
            assertThat(h.fake.log().resumes())
                    .singleElement()
                    .satisfies(r -> assertThat(r.seq()).isEqualTo(received - 30));
        }
    }

    @Test
    void aHandOffCompletesWhenTheSinkNeverAnswers() throws Exception {
        try (FakeGatewayHarness h = new FakeGatewayHarness()) {
            Shard first = h.shard(h.config(0).withTimings(h.timings().withHandOffTimeout(Duration.ofMillis(200))));
            first.start();
            FakeGatewayHarness.awaitState(first, ShardState.READY);
            long received = java.util.Objects.requireNonNull(first.session()).seq();
            h.sink.flushNeverAnswers();

            StoredSession handed = first.handOff().get(10, TimeUnit.SECONDS);
            assertThat(first.state()).isEqualTo(ShardState.STOPPED);
            // Nothing is known committed in a session the sink never confirmed: never more than was received.
            assertThat(handed.seq()).isBetween(0L, received);
            await().atMost(FakeGatewayHarness.WAIT)
                    .until(() -> h.fake.log().connections().get(0).closedAt() != null);
            assertThat(h.fake.log().connections().get(0).closeCode()).isEqualTo(ShardConnection.HAND_OFF_CLOSE);
        }
    }
}
