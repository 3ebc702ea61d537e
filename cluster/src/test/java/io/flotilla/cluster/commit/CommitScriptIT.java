package io.flotilla.cluster.commit;

import static io.flotilla.cluster.commit.CommitterFixture.message;
import static io.flotilla.cluster.commit.CommitterFixture.ready;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.cluster.lease.ShardFence;
import io.flotilla.cluster.session.SessionFields;
import io.flotilla.testkit.RedisExtension;
import io.flotilla.testkit.TestRedis;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the commit script decides inside Redis, one verdict per test, through a real committer: a batch applies only
 * after the stored seq of its own session, under its fence, never over a newer session, and never half.
 */
@ExtendWith(RedisExtension.class)
class CommitScriptIT {
    private static final CommitterConfig CONFIG =
            CommitterConfig.defaults("node-a").withLanes(1).withTimeout(Duration.ofSeconds(2));

    @Test
    void aBatchRedisAlreadyHoldsIsAcknowledgedAndNotWrittenAgain(TestRedis redis) throws Exception {
        try (CommitterFixture fixture = new CommitterFixture(redis.uri(), redis.prefix(), CONFIG, false)) {
            fixture.redis.hset(fixture.keys.session(0), Map.of("session_id", "s", "seq", "10"));
            ShardBatcher shard = fixture.open(0, 1);
            for (long seq = 6; seq <= 14; seq++) {
                shard.add(message("s", seq));
            }
            assertThat(shard.flush().get(5, TimeUnit.SECONDS)).isEqualTo(14);
            assertThat(fixture.events("MESSAGE_CREATE", 0))
                    .as("only the part past the stored seq 10 is appended")
                    .containsExactly("s:11", "s:12", "s:13", "s:14");
        }
    }

    @Test
    void redisHoldingLessThanWasAcknowledgedAsksTheShardToResumeFromTheStoredSeq(TestRedis redis) throws Exception {
        try (CommitterFixture fixture = new CommitterFixture(redis.uri(), redis.prefix(), CONFIG, false)) {
            RecordingFeedback feedback = new RecordingFeedback();
            ShardBatcher shard = fixture.open(0, 1, ShardFence.NONE, feedback);
            shard.add(ready("s"));
            for (long seq = 2; seq <= 10; seq++) {
                shard.add(message("s", seq));
            }
            shard.flush().get(5, TimeUnit.SECONDS);
            // Redis loses its last writes (as after a restart on an older AOF): the seq goes back to 6.
            fixture.redis.hset(fixture.keys.session(0), "seq", "6");

            shard.add(message("s", 11));
            await().atMost(Duration.ofSeconds(5)).until(() -> !feedback.calls.isEmpty());
            assertThat(feedback.calls).containsExactly("continue s 6");
            assertThat(shard.committedSeq()).isEqualTo(6);

            shard.add(message("s", 12)); // the old connection's next dispatch: Discord sends it again after the resume
            for (long seq = 7; seq <= 12; seq++) {
                shard.add(message("s", seq)); // the replay
            }
            assertThat(shard.flush().get(5, TimeUnit.SECONDS)).isEqualTo(12);
            assertThat(fixture.events("MESSAGE_CREATE", 0))
                    .as("before the loss 2..10 were in; the replay appends from 7 (this test kept 7..10 in the stream)")
                    .containsExactly(
                            "s:2", "s:3", "s:4", "s:5", "s:6", "s:7", "s:8", "s:9", "s:10", "s:7", "s:8", "s:9", "s:10",
                            "s:11", "s:12");
        }
    }

    @Test
    void aMissingSessionRecordMeansRedisLostTheSession(TestRedis redis) throws Exception {
        try (CommitterFixture fixture = new CommitterFixture(redis.uri(), redis.prefix(), CONFIG, false)) {
            RecordingFeedback feedback = new RecordingFeedback();
            ShardBatcher shard = fixture.open(0, 1, ShardFence.NONE, feedback);
            shard.add(ready("s"));
            shard.add(message("s", 2));
            shard.flush().get(5, TimeUnit.SECONDS);
            fixture.redis.del(fixture.keys.session(0));

            shard.add(message("s", 3));
            await().atMost(Duration.ofSeconds(5)).until(() -> !feedback.calls.isEmpty());
            assertThat(feedback.calls).containsExactly("lost s");
            shard.add(message("s", 4)); // still the lost session: dropped
            shard.add(ready("t")); // the new identify
            shard.add(message("t", 2));
            assertThat(shard.flush().get(5, TimeUnit.SECONDS)).isEqualTo(2);
            assertThat(fixture.events("MESSAGE_CREATE", 0)).containsExactly("s:2", "t:2");
            assertThat(fixture.redis.hget(fixture.keys.session(0), "session_id"))
                    .isEqualTo("t");
        }
    }

    @Test
    void aBatchUnderAFenceThatMovedOnIsRefusedInsideRedis(TestRedis redis) throws Exception {
        try (CommitterFixture fixture = new CommitterFixture(redis.uri(), redis.prefix(), CONFIG, false)) {
            String lease = fixture.keys.shardLease(0);
            fixture.redis.set(lease, "node-a:7");
            RecordingFeedback feedback = new RecordingFeedback();
            ShardBatcher shard = fixture.open(0, 1, new ShardFence(lease, "node-a:7", 7), feedback);
            shard.add(ready("s"));
            shard.add(message("s", 2));
            shard.flush().get(5, TimeUnit.SECONDS);

            fixture.redis.set(lease, "node-b:8"); // another node took the shard
            shard.add(message("s", 3));
            await().atMost(Duration.ofSeconds(5)).until(() -> !feedback.calls.isEmpty());
            assertThat(feedback.calls).containsExactly("fenced");
            shard.add(message("s", 4));
            assertThat(shard.flush().get(5, TimeUnit.SECONDS)).isEqualTo(2);
            assertThat(fixture.events("MESSAGE_CREATE", 0)).containsExactly("s:2");
            assertThat(fixture.redis.hget(fixture.keys.session(0), "seq")).isEqualTo("2");
        }
    }

    @Test
    void anOlderSessionNeverReplacesANewerOne(TestRedis redis) throws Exception {
        try (CommitterFixture fixture = new CommitterFixture(redis.uri(), redis.prefix(), CONFIG, false)) {
            String lease = fixture.keys.shardLease(0);
            fixture.redis.set(lease, "node-a:3");
            fixture.redis.hset(
                    fixture.keys.session(0), Map.of("session_id", "new", "seq", "40", "epoch", "5", "generation", "1"));
            RecordingFeedback feedback = new RecordingFeedback();
            ShardBatcher stale = fixture.open(0, 1, new ShardFence(lease, "node-a:3", 3), feedback);
            stale.add(ready("old"));
            await().atMost(Duration.ofSeconds(5)).until(() -> !feedback.calls.isEmpty());
            assertThat(feedback.calls).containsExactly("fenced");
            assertThat(fixture.redis.hget(fixture.keys.session(0), "session_id"))
                    .isEqualTo("new");
            assertThat(fixture.events("READY", 0)).isEmpty();
        }
    }

    @Test
    void aKeyOfTheWrongTypeHoldsTheWholeBatchAndLaterOnesUntilItIsFixed(TestRedis redis) throws Exception {
        try (CommitterFixture fixture =
                new CommitterFixture(redis.uri(), redis.prefix(), CONFIG.withMaxBatch(3), false)) {
            fixture.redis.set(fixture.keys.events("TYPING_START"), "someone else's string");
            fixture.redis.hset(fixture.keys.session(0), Map.of("session_id", "s", "seq", "1")); // resumed at 1
            ShardBatcher shard = fixture.open(0, 1);
            // The first dispatch is the one that cannot be written: whatever the lane takes first holds it.
            shard.add(new Dispatch(2, "s", "TYPING_START", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8), 0));
            IntStream.rangeClosed(3, 9).forEach(seq -> shard.add(message("s", seq)));

            await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3)).until(() -> shard.waiting() == 8);
            assertThat(fixture.events("MESSAGE_CREATE", 0))
                    .as("nothing of the refused batch, and nothing after it")
                    .isEmpty();
            assertThat(fixture.storedSeq(0)).isEqualTo(1);
            assertThat(fixture.committer.counters().errorReplies()).isPositive();

            fixture.redis.del(fixture.keys.events("TYPING_START"));
            assertThat(shard.flush().get(10, TimeUnit.SECONDS)).isEqualTo(9);
            assertThat(fixture.events("MESSAGE_CREATE", 0))
                    .containsExactly("s:3", "s:4", "s:5", "s:6", "s:7", "s:8", "s:9");
            assertThat(fixture.events("TYPING_START", 0)).containsExactly("s:2");
        }
    }

    @Test
    void anEndedSessionIsGoneWithOneGapRecordAndNoLateWriteBringsItBack(TestRedis redis) throws Exception {
        try (CommitterFixture fixture = new CommitterFixture(redis.uri(), redis.prefix(), CONFIG, false)) {
            ShardBatcher shard = fixture.open(0, 1);
            shard.add(ready("s"));
            shard.add(message("s", 2));
            shard.end(new SessionEndMark("s", 3, "RESUME_REFUSED", true));
            shard.add(message("s", 3)); // a late dispatch of the dead session, added after its end
            shard.add(ready("t"));
            assertThat(shard.flush().get(5, TimeUnit.SECONDS)).isEqualTo(1);

            assertThat(fixture.redis.hget(fixture.keys.session(0), "session_id"))
                    .isEqualTo("t");
            List<Map<String, String>> gaps =
                    fixture.redis.xrange(fixture.keys.gaps(), io.lettuce.core.Range.create("-", "+")).stream()
                            .map(io.lettuce.core.StreamMessage::getBody)
                            .toList();
            assertThat(gaps).hasSize(1);
            assertThat(fixture.committer.counters().gaps()).isEqualTo(1);
            assertThat(gaps.get(0))
                    .containsEntry("shard", "0")
                    .containsEntry("session", "s")
                    .containsEntry("committed_seq", "2")
                    .containsEntry("received_seq", "3")
                    .containsEntry("reason", "RESUME_REFUSED");
            assertThat(fixture.events("MESSAGE_CREATE", 0)).containsExactly("s:2");
        }
    }

    @Test
    void aReadyRemovesTheIdentifyGrantItAnswersAndAContinuationLeavesANewerOne(TestRedis redis) throws Exception {
        try (CommitterFixture fixture = new CommitterFixture(redis.uri(), redis.prefix(), CONFIG, false)) {
            String granted = SessionFields.IDENTIFY_GRANTED;
            fixture.redis.hset(fixture.keys.session(0), granted, "1000 node-a:0:1");
            ShardBatcher shard = fixture.open(0, 1);
            shard.add(ready("s"));
            shard.add(message("s", 2));
            shard.flush().get(5, TimeUnit.SECONDS);
            assertThat(fixture.redis.hexists(fixture.keys.session(0), granted))
                    .as("the READY answered the grant")
                    .isFalse();

            fixture.redis.hset(fixture.keys.session(0), granted, "2000 node-a:0:2");
            shard.add(message("s", 3));
            shard.flush().get(5, TimeUnit.SECONDS);
            assertThat(fixture.redis.hget(fixture.keys.session(0), granted))
                    .as("only a new session's READY answers a grant")
                    .isEqualTo("2000 node-a:0:2");
        }
    }

    @Test
    void aBatchHeldForARetryIsComputedAgainWithoutTrustingWhatItsRefusedAttemptWrote(TestRedis redis) throws Exception {
        try (CommitterFixture fixture = new CommitterFixture(redis.uri(), redis.prefix(), CONFIG, true)) {
            fixture.redis.set(fixture.keys.events("TYPING_START"), "someone else's string");
            fixture.redis.hset(fixture.keys.session(0), Map.of("session_id", "s", "seq", "1")); // resumed at 1
            ShardBatcher shard = fixture.open(0, 1);
            String message = "{\"id\":\"2\",\"content\":\"hi\",\"guild_id\":\"5\",\"author\":{\"id\":\"9\","
                    + "\"username\":\"u\"},\"member\":{\"nick\":\"a\",\"roles\":[]}}";
            shard.add(new Dispatch(2, "s", "MESSAGE_CREATE", message.getBytes(StandardCharsets.UTF_8), 0));
            shard.add(new Dispatch(3, "s", "TYPING_START", "{}".getBytes(StandardCharsets.UTF_8), 0));
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> fixture.committer.counters().errorReplies() >= 2); // computed twice at least

            fixture.redis.del(fixture.keys.events("TYPING_START"));
            assertThat(shard.flush().get(10, TimeUnit.SECONDS)).isEqualTo(3);
            assertThat(fixture.redis.hget(fixture.keys.members(0, "5"), "9"))
                    .as("the retry wrote the member its refused attempt had remembered")
                    .contains("\"nick\":\"a\"");
        }
    }
}
