package io.flotilla.cluster.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.testkit.RedisProcess;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Redis is killed under a committing shard and started again on the same data: the lane reconnects, sends the
 * unresolved batches again (the script acknowledges those that had committed) and nothing is lost or doubled.
 * (A SIGKILL may also lose writes Redis had acknowledged, when a slow fsync held back its AOF write: the writer then
 * resumes from the stored seq, as {@link RedisRollbackIT} tests on purpose.)
 */
class RedisRestartIT {
    private static final CommitterConfig CONFIG = CommitterConfig.defaults("node-a")
            .withLanes(1)
            .withTimeout(Duration.ofSeconds(1))
            .withPressure(500, 100);

    /**
     * A shard's thread: adds dispatches in batches of 10, stops reading while it is told to pause, and, like a
     * shard resuming, sends again from the seq Redis holds when the committer says Redis lost writes (a SIGKILL can
     * lose writes Redis had acknowledged while a slow fsync held back its AOF write).
     */
    private static final class Writer implements Runnable, CommitFeedback {
        final AtomicBoolean paused;
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong next = new AtomicLong(1);
        final AtomicLong lastAdded = new AtomicLong();
        volatile @org.jspecify.annotations.Nullable ShardBatcher shard;

        Writer(AtomicBoolean paused) {
            this.paused = paused;
        }

        @Override
        public void run() {
            ShardBatcher target = java.util.Objects.requireNonNull(shard);
            while (!stop.get()) {
                if (paused.get()) {
                    Thread.onSpinWait();
                    continue;
                }
                for (int i = 0; i < 10; i++) {
                    long seq = next.get();
                    target.add(seq == 1 ? CommitterFixture.ready(CommitterFixture.SESSION) : authored(seq));
                    lastAdded.accumulateAndGet(seq, Math::max);
                    next.compareAndSet(seq, seq + 1);
                }
                var unused = target.flush();
            }
        }

        @Override
        public void continueFrom(String sessionId, long seq) {
            next.set(seq + 1);
        }

        @Override
        public void sessionLost(String sessionId) {
            throw new AssertionError("a restart on the same data keeps the session record");
        }

        @Override
        public void fenced(String why) {
            throw new AssertionError("nobody else holds the shard");
        }
    }

    /** A message whose author's member gets the nick {@code n<seq>}: the cache says which seq it last saw. */
    static Dispatch authored(long seq) {
        return CommitterFixture.dispatch(
                seq,
                "MESSAGE_CREATE",
                "{\"id\":\"" + seq + "\",\"channel_id\":\"1\",\"guild_id\":\"5\",\"author\":{\"id\":\"9\","
                        + "\"username\":\"u" + seq + "\"},\"member\":{\"nick\":\"n" + seq + "\",\"roles\":[]},"
                        + "\"content\":\"hi\"}");
    }

    @Test
    void committerReconnectsAfterARestartAndLosesNothing() throws Exception {
        try (RedisProcess server = RedisProcess.startNew();
                CommitterFixture fixture = new CommitterFixture(server.uri(), "restart:", CONFIG, true)) {
            Writer writer = new Writer(fixture.paused);
            ShardBatcher shard = fixture.open(0, 1, io.flotilla.cluster.lease.ShardFence.NONE, writer);
            writer.shard = shard;
            Thread thread = Thread.ofPlatform().start(writer);
            await().atMost(Duration.ofSeconds(20)).until(() -> shard.committedSeq() > 1_000);

            server.kill();
            await().atMost(Duration.ofSeconds(10)).untilTrue(fixture.paused);
            assertThat(fixture.committer.healthy()).isFalse();
            server.start();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> shard.committedSeq() > writer.lastAdded.get() - 500 && !fixture.paused.get());

            writer.stop.set(true);
            thread.join(Duration.ofSeconds(5));
            CompletableFuture<Long> last = shard.flush();
            long lastSeq = writer.lastAdded.get();
            assertThat(last.get(20, TimeUnit.SECONDS)).isEqualTo(lastSeq);

            assertThat(fixture.seqs("MESSAGE_CREATE", 0))
                    .as("every event exactly once, in order")
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(2, lastSeq).boxed().toList());
            assertThat(fixture.storedSeq(0)).isEqualTo(lastSeq);
            assertThat(fixture.redis.hget(fixture.keys.members(0, "5"), "9")).contains("\"nick\":\"n" + lastSeq + "\"");
            assertThat(fixture.redis.hget(fixture.keys.users(), "9")).contains("\"username\":\"u" + lastSeq + "\"");
            assertThat(fixture.committer.healthy()).isTrue();
        }
    }
}
