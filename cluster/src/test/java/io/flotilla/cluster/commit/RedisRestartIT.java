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
 * (Losing acknowledged writes is {@link RedisRollbackIT}'s case: a SIGKILL keeps them in the page cache.)
 */
class RedisRestartIT {
    private static final CommitterConfig CONFIG = CommitterConfig.defaults("node-a")
            .withLanes(1)
            .withTimeout(Duration.ofSeconds(1))
            .withPressure(500, 100);

    /** A shard's thread: adds dispatches in batches of 10, and stops reading while it is told to pause. */
    private static final class Writer implements Runnable {
        final ShardBatcher shard;
        final AtomicBoolean paused;
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong lastAdded = new AtomicLong();

        Writer(ShardBatcher shard, AtomicBoolean paused) {
            this.shard = shard;
            this.paused = paused;
        }

        @Override
        public void run() {
            long seq = 0;
            while (!stop.get()) {
                if (paused.get()) {
                    Thread.onSpinWait();
                    continue;
                }
                for (int i = 0; i < 10; i++) {
                    ++seq;
                    shard.add(seq == 1 ? CommitterFixture.ready(CommitterFixture.SESSION) : authored(seq));
                }
                lastAdded.set(seq);
                var unused = shard.flush();
            }
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
            ShardBatcher shard = fixture.open(0, 1);
            Writer writer = new Writer(shard, fixture.paused);
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
