package io.flotilla.cluster.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.cluster.cache.NoEntityCache;
import io.flotilla.cluster.commit.BatchCommitter;
import io.flotilla.cluster.commit.CommitterConfig;
import io.flotilla.gateway.SessionEnd;
import io.flotilla.gateway.StoredSession;
import io.flotilla.protocol.ShardId;
import io.flotilla.testkit.RedisExtension;
import io.flotilla.testkit.TestRedis;
import io.flotilla.worker.Keys;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@SuppressWarnings("deprecation") // TestRedis hands out its commands; their connection is what the stores take
@ExtendWith(RedisExtension.class)
class RedisSessionStoreIT {
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.ofEpochMilli(1234));

    @Test
    void aCompleteSessionIsOfferedOnlyForTheSameShardCount(TestRedis redis) throws Exception {
        Keys keys = new Keys(redis.key("g"), redis.key("discord"), "test");
        try (BatchCommitter committer = committer(redis, keys)) {
            RedisSessionStore store = new RedisSessionStore(
                    redis.commands().getStatefulConnection(),
                    keys,
                    new CommittingDispatchSink(committer, CLOCK, (s, d) -> {}));
            redis.commands()
                    .hset(
                            keys.session(3),
                            Map.of(
                                    "session_id",
                                    "abc",
                                    "seq",
                                    "42",
                                    "resume_gateway_url",
                                    "wss://resume",
                                    "shard_total",
                                    "8"));

            assertThat(store.load(new ShardId(3, 8)).toCompletableFuture().get(5, TimeUnit.SECONDS))
                    .isEqualTo(new StoredSession("abc", 42, "wss://resume", 8));
            assertThat(store.load(new ShardId(3, 16)).toCompletableFuture().get(5, TimeUnit.SECONDS))
                    .as("resharded: identify instead")
                    .isNull();
            assertThat(store.load(new ShardId(4, 8)).toCompletableFuture().get(5, TimeUnit.SECONDS))
                    .isNull();
        }
    }

    @Test
    void saveWritesNothingAndAnEndGoesThroughTheCommitterAfterTheSessionsEvents(TestRedis redis) throws Exception {
        Keys keys = new Keys(redis.key("g"), redis.key("discord"), "test");
        try (BatchCommitter committer = committer(redis, keys)) {
            CommittingDispatchSink sink = new CommittingDispatchSink(committer, CLOCK, (s, d) -> {});
            RedisSessionStore store = new RedisSessionStore(redis.commands().getStatefulConnection(), keys, sink);
            redis.commands().hset(keys.session(0), Map.of("session_id", "abc", "seq", "42", "shard_total", "1"));

            store.save(new ShardId(0, 1), new StoredSession("abc", 99, "wss://new", 1))
                    .toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
            assertThat(redis.commands().hgetall(keys.session(0)))
                    .as("the committer is the hash's one writer")
                    .containsEntry("seq", "42")
                    .doesNotContainKey("resume_gateway_url");

            store.end(new ShardId(0, 1), new SessionEnd("abc", 45, SessionEnd.Reason.RESUME_REFUSED))
                    .toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
            sink.flush(new ShardId(0, 1), Duration.ofSeconds(5))
                    .toCompletableFuture()
                    .get(6, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(5)).until(() -> !redis.commands().hexists(keys.session(0), "session_id"));
            assertThat(redis.commands().xrange(keys.gaps(), io.lettuce.core.Range.create("-", "+")))
                    .singleElement()
                    .satisfies(gap -> assertThat(gap.getBody())
                            .containsEntry("session", "abc")
                            .containsEntry("committed_seq", "42")
                            .containsEntry("received_seq", "45")
                            .containsEntry("reason", "RESUME_REFUSED"));
        }
    }

    private static BatchCommitter committer(TestRedis redis, Keys keys) {
        return new BatchCommitter(
                io.lettuce.core.RedisURI.create(redis.uri().toString()),
                keys,
                CommitterConfig.defaults("node-b").withLanes(1),
                new NoEntityCache(),
                CLOCK);
    }
}
