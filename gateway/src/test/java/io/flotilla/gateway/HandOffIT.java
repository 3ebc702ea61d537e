package io.flotilla.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.fake.ConnectionRecord;
import io.flotilla.gateway.local.InMemorySessionStore;
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
}
