package io.flotilla.cluster.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.cluster.lease.ShardFence;
import io.flotilla.testkit.RedisProcess;
import io.flotilla.testkit.RedisSnapshot;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Redis loses its last writes (issue 12 item 1): restarted on a copy of its append-only file taken earlier, it
 * holds the session at an older seq than the node acknowledged. The committer notices from the script's verdict
 * and asks the shard to resume from the stored seq; the "shard" here replays like Discord does, from its own log.
 * At the end the stream holds every event exactly once.
 */
class RedisRollbackIT {
    private static final CommitterConfig CONFIG = CommitterConfig.defaults("node-a")
            .withLanes(1)
            .withTimeout(Duration.ofSeconds(1))
            .withPressure(500, 100);

    /** A shard's thread: sends seq 1, 2, ... of one session; a continueFrom makes it send again from there. */
    private static final class ReplayingShard implements Runnable, CommitFeedback {
        final AtomicBoolean paused;
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong next = new AtomicLong(1);
        final AtomicLong rewoundTo = new AtomicLong(-1);
        volatile long until = Long.MAX_VALUE;
        volatile @Nullable ShardBatcher batcher;

        ReplayingShard(AtomicBoolean paused) {
            this.paused = paused;
        }

        @Override
        public void run() {
            while (!stop.get()) {
                long seq = next.get();
                if (paused.get() || seq > until) {
                    Thread.onSpinWait();
                    continue;
                }
                ShardBatcher target = java.util.Objects.requireNonNull(batcher);
                target.add(seq == 1 ? CommitterFixture.ready("s") : CommitterFixture.message("s", seq));
                next.compareAndSet(seq, seq + 1);
            }
        }

        @Override
        public void continueFrom(String sessionId, long seq) {
            rewoundTo.set(seq);
            next.set(seq + 1); // Discord replays everything after the seq the resume names
        }

        @Override
        public void sessionLost(String sessionId) {
            throw new AssertionError("the session record survives a rollback to seq 100");
        }

        @Override
        public void fenced(String why) {
            throw new AssertionError("nobody else holds the shard");
        }
    }

    @Test
    void afterARollbackTheShardResumesFromTheStoredSeqAndTheStreamsEndWithEveryEventOnce() throws Exception {
        try (RedisProcess server = RedisProcess.startNew();
                CommitterFixture fixture = new CommitterFixture(server.uri(), "rollback:", CONFIG, true)) {
            ReplayingShard shard = new ReplayingShard(fixture.paused);
            shard.until = 100;
            ShardBatcher batcher = fixture.open(0, 1, ShardFence.NONE, shard);
            shard.batcher = batcher;
            Thread thread = Thread.ofPlatform().start(shard);
            await().atMost(Duration.ofSeconds(20)).until(() -> batcher.committedSeq() == 100);
            RedisSnapshot atHundred = server.snapshot();

            shard.until = 200;
            await().atMost(Duration.ofSeconds(20)).until(() -> batcher.committedSeq() == 200);
            server.restartFrom(atHundred); // seq 101..200 are gone from Redis, with the session's seq

            shard.until = 300;
            await().atMost(Duration.ofSeconds(30)).until(() -> batcher.committedSeq() == 300);
            shard.stop.set(true);
            thread.join(Duration.ofSeconds(5));

            assertThat(shard.rewoundTo.get())
                    .as("the shard was asked to resume from the stored seq")
                    .isEqualTo(100);
            assertThat(fixture.storedSeq(0)).isEqualTo(300);
            assertThat(fixture.seqs("MESSAGE_CREATE", 0))
                    .as("every event exactly once, in order, though Redis lost 101..200 once")
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(2, 300).boxed().toList());
            assertThat(fixture.committer.counters().lostWrites()).isEqualTo(1);
        }
    }
}
