package io.flotilla.cluster.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.gateway.StoredSession;
import io.flotilla.protocol.ShardId;
import io.flotilla.testkit.RedisExtension;
import io.flotilla.testkit.TestRedis;
import io.flotilla.worker.Keys;
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
        RedisSessionStore store =
                new RedisSessionStore(redis.commands().getStatefulConnection(), keys, "node-b", CLOCK);
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

    @Test
    void saveRefreshesTheSessionButNeverItsSeqNorAnotherSession(TestRedis redis) throws Exception {
        Keys keys = new Keys(redis.key("g"), redis.key("discord"), "test");
        RedisSessionStore store =
                new RedisSessionStore(redis.commands().getStatefulConnection(), keys, "node-b", CLOCK);
        redis.commands().hset(keys.session(0), Map.of("session_id", "abc", "seq", "42"));

        store.save(new ShardId(0, 1), new StoredSession("abc", 99, "wss://new", 1))
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
        store.save(new ShardId(0, 1), new StoredSession("other", 7, "wss://other", 1))
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS);

        assertThat(redis.commands().hgetall(keys.session(0)))
                .containsEntry("session_id", "abc")
                .containsEntry("seq", "42")
                .containsEntry("resume_gateway_url", "wss://new")
                .containsEntry("shard_total", "1")
                .containsEntry("owner", "node-b")
                .containsEntry("updated_at", "1234");
        assertThat(store.read(0).toCompletableFuture().get(5, TimeUnit.SECONDS))
                .hasValueSatisfying(record -> assertThat(record.owner()).isEqualTo("node-b"));

        store.end(
                        new ShardId(0, 1),
                        new io.flotilla.gateway.SessionEnd("abc", 42, io.flotilla.gateway.SessionEnd.Reason.SHUTDOWN))
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
        assertThat(redis.commands().exists(keys.session(0))).isZero();
    }
}
