package io.flotilla.cluster.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.cluster.cache.NoEntityCache;
import io.flotilla.cluster.command.Command;
import io.flotilla.cluster.command.MemberChunker;
import io.flotilla.cluster.commit.BatchCommitter;
import io.flotilla.cluster.commit.CommitterConfig;
import io.flotilla.gateway.Dispatch;
import io.flotilla.protocol.ShardId;
import io.flotilla.testkit.RedisExtension;
import io.flotilla.testkit.TestRedis;
import io.flotilla.worker.Keys;
import io.lettuce.core.RedisURI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisExtension.class)
class CommittingDispatchSinkIT {
    private static final ShardId SHARD = new ShardId(0, 1);

    @Test
    void theSinkCommitsThroughThePortAndStopsTheShardWhileRedisLags(TestRedis redis) throws Exception {
        Keys keys = new Keys(redis.key("g"), redis.key("discord"), "test");
        List<Command> requests = new CopyOnWriteArrayList<>();
        MemberChunker chunker = MemberChunker.withDefaults(
                command -> {
                    requests.add(command);
                    return CompletableFuture.completedFuture(null);
                },
                InstantSource.system());
        CommitterConfig config = CommitterConfig.defaults("node-a").withLanes(1).withPressure(20, 5);
        try (BatchCommitter committer = new BatchCommitter(
                RedisURI.create(redis.uri().toString()), keys, config, new NoEntityCache(), InstantSource.system())) {
            CommittingDispatchSink sink =
                    new CommittingDispatchSink(committer, InstantSource.system(), new LargeGuildWatcher(chunker));
            AtomicInteger resumed = new AtomicInteger();

            redis.commands().hset(keys.session(0), java.util.Map.of("session_id", "sess", "seq", "0")); // as if resumed
            redis.commands().clientPause(400); // Redis stalls: commits wait, the shard must stop reading
            boolean accepted = true;
            int seq = 0;
            while (accepted && seq < 1000) {
                accepted = sink.offer(
                        dispatch(++seq, "MESSAGE_CREATE", "{\"n\":" + seq + "}"), reading(resumed::incrementAndGet));
            }
            assertThat(accepted).as("the sink said stop").isFalse();
            assertThat(seq).isBetween(20, 30);
            await().atMost(Duration.ofSeconds(10)).untilAtomic(resumed, org.hamcrest.Matchers.equalTo(1));

            sink.offer(
                    dispatch(++seq, "GUILD_CREATE", "{\"id\":\"77\",\"large\":true,\"members\":[]}"),
                    reading(() -> {}));
            sink.flush(SHARD, Duration.ofSeconds(5)).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(redis.commands().hget(keys.session(0), "seq")).isEqualTo(Integer.toString(seq));
            assertThat(redis.commands().xlen(keys.events("MESSAGE_CREATE"))).isEqualTo(seq - 1);
            assertThat(redis.commands()
                            .xrange(keys.events("MESSAGE_CREATE"), io.lettuce.core.Range.create("-", "+"))
                            .get(4)
                            .getBody())
                    .containsEntry("d", "{\"n\":5}");
            chunker.tick();
            assertThat(requests)
                    .extracting(Command::payloadText)
                    .singleElement()
                    .asString()
                    .contains("\"77\"");
        }
    }

    /** A dispatch as the gateway hands it over: d inside a larger reused frame. */
    private static Dispatch dispatch(long seq, String type, String data) {
        String frame = "{\"op\":0,\"s\":" + seq + ",\"t\":\"" + type + "\",\"d\":" + data + "}";
        byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        int offset = frame.indexOf("\"d\":") + 4;
        return new Dispatch(SHARD, "sess", seq, type, bytes, offset, bytes.length - offset - 1);
    }

    /** A shard's feedback that only counts resumeReading. */
    private static io.flotilla.gateway.ShardFeedback reading(Runnable resumeReading) {
        return new io.flotilla.gateway.ShardFeedback() {
            @Override
            public void resumeReading() {
                resumeReading.run();
            }

            @Override
            public void continueFrom(String sessionId, long seq) {}

            @Override
            public void sessionLost(String sessionId) {}
        };
    }
}
