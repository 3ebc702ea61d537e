package io.flotilla.cluster.commit;

import static io.flotilla.cluster.commit.CommitterFixture.message;
import static io.flotilla.cluster.commit.CommitterFixture.ready;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.cluster.lease.ShardFence;
import io.flotilla.testkit.FaultProxy;
import io.flotilla.testkit.RedisProcess;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The event path under network faults between the committer and a real Redis (issue 12 items 2 to 4), through a
 * loopback {@link FaultProxy}: a call from an abandoned connection that executes after the retry, a reply lost
 * around a new session, Redis refusing writes for lack of memory. Each would have lost or repeated events with
 * MULTI/EXEC and a "did it commit?" check; the commit script decides inside Redis.
 */
class CommitFaultsIT {
    private static final CommitterConfig CONFIG =
            CommitterConfig.defaults("node-a").withLanes(1).withTimeout(Duration.ofMillis(700));

    @Test
    void aCallFromAnAbandonedConnectionThatExecutesAfterTheRetryWritesNothing() throws Exception {
        try (RedisProcess server = RedisProcess.startNew();
                FaultProxy proxy = FaultProxy.to(server.uri());
                CommitterFixture fixture = new CommitterFixture(proxy.uri(), server.uri(), "late:", CONFIG, false)) {
            ShardBatcher shard = fixture.open(0, 1);
            shard.add(ready("s"));
            for (long seq = 2; seq <= 5; seq++) {
                shard.add(message("s", seq));
            }
            assertThat(shard.flush().get(10, TimeUnit.SECONDS)).isEqualTo(5);

            proxy.holdLive(); // the next call sits unread; the lane times out, reconnects and retries
            for (long seq = 6; seq <= 9; seq++) {
                shard.add(message("s", seq));
            }
            assertThat(shard.flush().get(20, TimeUnit.SECONDS)).isEqualTo(9);
            assertThat(fixture.committer.counters().applied()).isGreaterThanOrEqualTo(2);

            long calls = fixture.scriptCalls();
            proxy.releaseLive(); // now the abandoned call executes, after its retry
            await().atMost(Duration.ofSeconds(10)).until(() -> fixture.scriptCalls() > calls);
            assertThat(fixture.seqs("MESSAGE_CREATE", 0))
                    .as("the late call found its batch committed: no event twice")
                    .containsExactly(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        }
    }

    @Test
    void aLostReplyAroundANewSessionNeverMovesTheSessionBack() throws Exception {
        try (RedisProcess server = RedisProcess.startNew();
                FaultProxy proxy = FaultProxy.to(server.uri());
                CommitterFixture fixture =
                        new CommitterFixture(proxy.uri(), server.uri(), "straddle:", CONFIG, false)) {
            ShardBatcher shard = fixture.open(0, 1);
            shard.add(ready("s"));
            shard.add(message("s", 2));
            assertThat(shard.flush().get(10, TimeUnit.SECONDS)).isEqualTo(2);

            proxy.holdReplies();
            shard.add(message("s", 3));
            shard.add(message("s", 4));
            shard.add(ready("t")); // a new identify: a new session in the same round
            shard.add(message("t", 2));
            await().atMost(Duration.ofSeconds(10)).until(() -> fixture.storedSeq(0) >= 3); // executed, reply held
            proxy.cut(); // the replies are lost
            proxy.releaseReplies();

            assertThat(shard.flush().get(20, TimeUnit.SECONDS)).isEqualTo(2);
            assertThat(fixture.redis.hget(fixture.keys.session(0), "session_id"))
                    .isEqualTo("t");
            assertThat(fixture.events("MESSAGE_CREATE", 0)).containsExactly("s:2", "s:3", "s:4", "t:2");
            assertThat(fixture.events("READY", 0)).containsExactly("s:1", "t:1");
        }
    }

    @Test
    void aRedisOutOfMemoryRefusesWholeBatchesAndTheyCommitOnceItHasRoom() throws Exception {
        try (RedisProcess server = RedisProcess.startNew();
                CommitterFixture fixture = new CommitterFixture(server.uri(), "oom:", CONFIG, true)) {
            ShardBatcher shard = fixture.open(0, 1);
            shard.add(ready(CommitterFixture.SESSION));
            assertThat(shard.flush().get(10, TimeUnit.SECONDS)).isEqualTo(1);

            fixture.redis.configSet("maxmemory-policy", "noeviction");
            fixture.redis.configSet("maxmemory", "1"); // every write that needs memory is refused now
            for (long seq = 2; seq <= 40; seq++) {
                shard.add(RedisRestartIT.authored(seq));
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> fixture.committer.counters().errorReplies() >= 2);
            assertThat(fixture.storedSeq(0)).isEqualTo(1);
            assertThat(fixture.seqs("MESSAGE_CREATE", 0)).isEmpty();

            fixture.redis.configSet("maxmemory", "0");
            assertThat(shard.flush().get(20, TimeUnit.SECONDS)).isEqualTo(40);
            assertThat(fixture.seqs("MESSAGE_CREATE", 0))
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(2, 40).boxed().toList());
            assertThat(fixture.redis.hget(fixture.keys.members(0, "5"), "9")).contains("\"nick\":\"n40\"");
        }
    }

    @Test
    void aRefusedBatchHoldsTheLaterBatchesOfItsShardInTheNextRoundInFlight() throws Exception {
        CommitterConfig oneByOne = CONFIG.withMaxBatch(1).withRoundsInFlight(2).withTimeout(Duration.ofSeconds(10));
        try (RedisProcess server = RedisProcess.startNew();
                FaultProxy proxy = FaultProxy.to(server.uri());
                CommitterFixture fixture =
                        new CommitterFixture(proxy.uri(), server.uri(), "window:", oneByOne, false)) {
            RecordingFeedback feedback = new RecordingFeedback();
            ShardBatcher shard = fixture.open(0, 1, ShardFence.NONE, feedback);
            shard.add(ready("s"));
            assertThat(shard.flush().get(10, TimeUnit.SECONDS)).isEqualTo(1);

            proxy.holdReplies(); // the lane waits for seq 2's verdict while the next 40 batches gather
            shard.add(message("s", 2));
            await().atMost(Duration.ofSeconds(10)).until(() -> fixture.storedSeq(0) == 2);
            // A round is 32 batches: seq 3..34 go in the first, 35..42 in the second, sent before the first is read.
            // Seq 34's stream cannot be written, so Redis refuses it and seq 35 comes back BEHIND in the next round.
            fixture.redis.set(fixture.keys.events("BLOCKED_EVENT"), "not a stream");
            for (long seq = 3; seq <= 42; seq++) {
                shard.add(seq == 34 ? CommitterFixture.dispatch("s", seq, "BLOCKED_EVENT", "{}") : message("s", seq));
            }
            proxy.releaseReplies();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> fixture.committer.counters().errorReplies() >= 1);
            assertThat(fixture.storedSeq(0)).isEqualTo(33);

            fixture.redis.del(fixture.keys.events("BLOCKED_EVENT"));
            assertThat(shard.flush().get(20, TimeUnit.SECONDS)).isEqualTo(42);
            assertThat(feedback.calls)
                    .as("BEHIND behind a refused batch is no loss: the shard is not told to resume")
                    .isEmpty();
            assertThat(fixture.committer.counters().lostWrites()).isZero();
            assertThat(fixture.seqs("MESSAGE_CREATE", 0))
                    .containsExactlyElementsOf(LongStream.rangeClosed(2, 42)
                            .filter(seq -> seq != 34)
                            .boxed()
                            .toList());
            assertThat(fixture.seqs("BLOCKED_EVENT", 0)).containsExactly(34L);
        }
    }
}
