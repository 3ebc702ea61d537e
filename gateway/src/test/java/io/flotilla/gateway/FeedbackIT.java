package io.flotilla.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.fake.ResumeRecord;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** The sink's feedback when the store lost writes: "continue from seq N" and "the session is lost". */
class FeedbackIT {
    @Test
    void continueFromResumesTheSameSessionAndDiscordReplaysWhatTheStoreLost() {
        try (FakeGatewayHarness h = new FakeGatewayHarness()) {
            Shard shard = h.ready(0);
            String session = Objects.requireNonNull(shard.session()).sessionId();
            h.emitAndAwait(0, session, 100);
            long last = Objects.requireNonNull(shard.session()).seq();
            int before = h.sink.seqs(session).size();
            ShardFeedback feedback = h.sink.feedback(shard.id());

            feedback.continueFrom("some-other-session", 1); // not current: ignored
            feedback.continueFrom(session, last + 5); // not behind: ignored
            feedback.continueFrom(session, last - 40);
            await().atMost(FakeGatewayHarness.WAIT)
                    .until(() -> h.fake.log().resumes().size() == 1);
            FakeGatewayHarness.awaitState(shard, ShardState.READY);
            ResumeRecord resume = h.fake.log().resumes().get(0);
            assertThat(resume.outcome()).isEqualTo("RESUMED");
            assertThat(resume.seq()).isEqualTo(last - 40);
            await().atMost(FakeGatewayHarness.WAIT)
                    .until(() -> h.sink.seqs(session).size()
                            == before + h.produced(session).size() - (int) (last - 40));

            List<Long> produced = h.produced(session);
            List<Long> again =
                    h.sink.seqs(session).subList(before, h.sink.seqs(session).size());
            assertThat(again).isEqualTo(produced.subList((int) (last - 40), produced.size()));
            assertThat(again.get(0)).isEqualTo(last - 39);
            assertThat(h.fake.log().connections()).hasSize(2);
            assertThat(h.fake.log().connections().get(0).closeCode()).isEqualTo(ShardConnection.RECONNECT_CLOSE);
            assertThat(h.fake.log().identifies()).hasSize(1);
            assertThat(h.store.ends()).isEmpty();
        }
    }

    @Test
    void sessionLostIdentifiesAnewThroughTheGate() {
        try (FakeGatewayHarness h = new FakeGatewayHarness()) {
            Shard shard = h.ready(1);
            String session = Objects.requireNonNull(shard.session()).sessionId();
            h.emitAndAwait(1, session, 10);
            long last = Objects.requireNonNull(shard.session()).seq();
            ShardFeedback feedback = h.sink.feedback(shard.id());

            feedback.sessionLost("some-other-session"); // not current: ignored
            feedback.sessionLost(session);
            await().atMost(FakeGatewayHarness.WAIT)
                    .until(() -> h.fake.log().identifies().size() == 2);
            FakeGatewayHarness.awaitState(shard, ShardState.READY);

            String fresh = Objects.requireNonNull(shard.session()).sessionId();
            assertThat(fresh).isNotEqualTo(session);
            assertThat(h.fake.log().identifies())
                    .allSatisfy(i -> assertThat(i.outcome()).isEqualTo("READY"));
            assertThat(h.fake.log().resumes()).isEmpty();
            assertThat(h.store.ends()).containsExactly(new SessionEnd(session, last, SessionEnd.Reason.STORE_LOST));
            await().during(Duration.ofMillis(300))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> h.fake.log().connections().size() == 2);
        }
    }
}
