package io.flotilla.cluster.cache;

import static io.flotilla.cluster.cache.MemoryEntityCacheTest.assertJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.cluster.commit.BatchCommitter;
import io.flotilla.cluster.commit.CommitterConfig;
import io.flotilla.cluster.commit.Dispatch;
import io.flotilla.cluster.commit.ShardBatcher;
import io.flotilla.testkit.RedisExtension;
import io.flotilla.testkit.TestRedis;
import io.flotilla.worker.Keys;
import io.flotilla.worker.RedisCacheReader;
import io.lettuce.core.RedisURI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@SuppressWarnings("deprecation") // TestRedis hands out its commands; their connection is what the stores take
@ExtendWith(RedisExtension.class)
class RedisEntityCacheIT {
    // Guild 100 routes to shard 0 of 1; guilds 7 and 8 are put on explicit shards of a 2-shard layout below.
    private static final String BOT = "{\"id\":\"1\",\"username\":\"bot\"}";

    @Test
    void theStoryLeavesTheSameDocumentsInRedisAsInMemory(TestRedis redis) throws Exception {
        Keys keys = keys(redis);
        try (BatchCommitter committer = committer(redis, keys)) {
            ShardBatcher shard = resumed(committer, redis, keys, 0, 1);
            long seq = 0;
            for (GuildStory.Event event : GuildStory.EVENTS) {
                shard.add(dispatch(++seq, event.type(), event.json()));
                if (seq % 3 == 0) {
                    var unused = shard.flush();
                }
            }
            shard.flush().get(10, TimeUnit.SECONDS);
        }
        RedisCacheReader reader = new RedisCacheReader(connection(redis), keys, 1);
        assertJson(reader.guild("100"), GuildStory.GUILD_100);
        assertThat(reader.guild("101")).isEmpty();
        assertThat(redis.commands().exists(keys.members(0, "101"))).isZero();
        Map<String, String> members = reader.members("100");
        assertThat(members).containsOnlyKeys("1", "3");
        assertJson(reader.member("100", "3"), GuildStory.MEMBER_3);
        assertJson(reader.user("1"), GuildStory.USER_1);
        assertJson(reader.user("2"), GuildStory.USER_2);
        assertJson(reader.user("3"), GuildStory.USER_3);
        assertThat(redis.commands().hget(keys.session(0), "resume_gateway_url")).isEqualTo("wss://r");
    }

    @Test
    void readyOfANewSessionWipesEveryCacheKeyOfItsShardOnly(TestRedis redis) throws Exception {
        Keys keys = keys(redis);
        try (BatchCommitter committer = committer(redis, keys)) {
            ShardBatcher zero = resumed(committer, redis, keys, 0, 2);
            ShardBatcher one = resumed(committer, redis, keys, 1, 2);
            zero.add(dispatch(1, "GUILD_CREATE", guild("7", "9")));
            one.add(dispatch(1, "GUILD_CREATE", guild("8", "9")));
            zero.flush().get(5, TimeUnit.SECONDS);
            one.flush().get(5, TimeUnit.SECONDS);
            assertThat(redis.commands().keys(keys.shardCachePattern(0))).hasSize(2);

            zero.add(new Dispatch(
                    1,
                    "s2",
                    "READY",
                    ("{\"session_id\":\"s2\",\"user\":" + BOT + "}").getBytes(StandardCharsets.UTF_8),
                    0));
            zero.add(new Dispatch(2, "s2", "GUILD_CREATE", guild("10", "11").getBytes(StandardCharsets.UTF_8), 0));
            zero.flush().get(5, TimeUnit.SECONDS);

            assertThat(redis.commands().keys(keys.shardCachePattern(0)))
                    .containsExactlyInAnyOrder(keys.guilds(0), keys.members(0, "10"));
            assertThat(redis.commands().hkeys(keys.guilds(0))).containsExactly("10");
            assertThat(redis.commands().keys(keys.shardCachePattern(1))).hasSize(2);
            assertThat(redis.commands().hexists(keys.users(), "9")).isTrue();
        }
    }

    @Test
    void usersSharedByShardsAreMergedAtomicallyAndIdempotently(TestRedis redis) throws Exception {
        Keys keys = keys(redis);
        try (BatchCommitter committer = committer(redis, keys)) {
            ShardBatcher zero = resumed(committer, redis, keys, 0, 2);
            ShardBatcher one = resumed(committer, redis, keys, 1, 2);
            zero.add(
                    dispatch(1, "GUILD_MEMBER_ADD", "{\"guild_id\":\"7\",\"user\":{\"id\":\"9\",\"username\":\"x\"}}"));
            zero.flush().get(5, TimeUnit.SECONDS);
            for (int i = 0; i < 2; i++) { // the same partial update twice: a retried batch
                one.add(dispatch(1 + i, "PRESENCE_UPDATE", "{\"user\":{\"id\":\"9\",\"avatar\":\"a\"}}"));
                one.flush().get(5, TimeUnit.SECONDS);
            }
            zero.add(dispatch(2, "PRESENCE_UPDATE", "{\"user\":{\"id\":\"9\",\"global_name\":\"X\"}}"));
            zero.flush().get(5, TimeUnit.SECONDS);
        }
        assertJson(
                Optional.ofNullable(redis.commands().hget(keys.users(), "9")),
                "{\"id\":\"9\",\"username\":\"x\",\"avatar\":\"a\",\"global_name\":\"X\"}");
    }

    @Test
    void aDamagedCachedDocumentIsReplacedInsteadOfStoppingTheShard(TestRedis redis) throws Exception {
        Keys keys = keys(redis);
        redis.commands().hset(keys.guilds(0), "7", "{not json");
        try (BatchCommitter committer = committer(redis, keys)) {
            ShardBatcher zero = resumed(committer, redis, keys, 0, 1);
            zero.add(dispatch(1, "GUILD_UPDATE", "{\"id\":\"7\",\"name\":\"fixed\"}"));
            assertThat(zero.flush().get(5, TimeUnit.SECONDS)).isEqualTo(1);
        }
        assertJson(
                Optional.ofNullable(redis.commands().hget(keys.guilds(0), "7")), "{\"id\":\"7\",\"name\":\"fixed\"}");
    }

    @Test
    void aRepeatedMessageAfterAMemberUpdateStillWritesItsMember(TestRedis redis) throws Exception {
        Keys keys = keys(redis);
        String message =
                "{\"guild_id\":\"7\",\"author\":{\"id\":\"9\",\"username\":\"x\"},\"member\":{\"nick\":\"a\"}}";
        String update = "{\"guild_id\":\"7\",\"user\":{\"id\":\"9\",\"username\":\"y\"},\"nick\":\"b\"}";
        try (BatchCommitter committer = committer(redis, keys)) {
            ShardBatcher zero = resumed(committer, redis, keys, 0, 1);
            long seq = 0;
            for (String[] step : new String[][] {
                {"MESSAGE_CREATE", message}, {"MESSAGE_CREATE", message}, {"GUILD_MEMBER_UPDATE", update}
            }) {
                zero.add(dispatch(++seq, step[0], step[1]));
                zero.flush().get(5, TimeUnit.SECONDS);
            }
            zero.add(dispatch(++seq, "MESSAGE_CREATE", message)); // the first message's bytes once more
            zero.flush().get(5, TimeUnit.SECONDS);
            assertJson(
                    Optional.ofNullable(redis.commands().hget(keys.members(0, "7"), "9")),
                    "{\"nick\":\"a\",\"user\":\"9\"}");
            assertJson(
                    Optional.ofNullable(redis.commands().hget(keys.users(), "9")), "{\"id\":\"9\",\"username\":\"x\"}");

            zero.add(dispatch(++seq, "GUILD_MEMBER_UPDATE", update)); // the same again, in one batch
            zero.add(dispatch(++seq, "MESSAGE_CREATE", message));
            zero.flush().get(5, TimeUnit.SECONDS);
            assertJson(
                    Optional.ofNullable(redis.commands().hget(keys.members(0, "7"), "9")),
                    "{\"nick\":\"a\",\"user\":\"9\"}");
        }
    }

    @Test
    void afterRedisLostWritesTheReplayedMessageIsWrittenAgain(TestRedis redis) throws Exception {
        Keys keys = keys(redis);
        String message =
                "{\"guild_id\":\"7\",\"author\":{\"id\":\"9\",\"username\":\"x\"},\"member\":{\"nick\":\"a\"}}";
        try (BatchCommitter committer = committer(redis, keys)) {
            ShardBatcher zero = resumed(committer, redis, keys, 0, 1);
            zero.add(dispatch(1, "MESSAGE_CREATE", message));
            zero.flush().get(5, TimeUnit.SECONDS);
            // Redis loses the last writes: the member, the user and the session's progress.
            redis.commands().del(keys.members(0, "7"), keys.users());
            redis.commands().hset(keys.session(0), "seq", "0");

            zero.add(dispatch(2, "MESSAGE_CREATE", message)); // BEHIND: the batcher rewinds to seq 0
            zero.flush().get(5, TimeUnit.SECONDS);
            zero.add(dispatch(1, "MESSAGE_CREATE", message)); // Discord's replay
            assertThat(zero.flush().get(5, TimeUnit.SECONDS)).isEqualTo(1);
        }
        assertJson(
                Optional.ofNullable(redis.commands().hget(keys.members(0, "7"), "9")),
                "{\"nick\":\"a\",\"user\":\"9\"}");
        assertJson(Optional.ofNullable(redis.commands().hget(keys.users(), "9")), "{\"id\":\"9\",\"username\":\"x\"}");
    }

    private static String guild(String id, String memberId) {
        return "{\"id\":\"" + id + "\",\"name\":\"g\",\"members\":[{\"user\":{\"id\":\"" + memberId
                + "\",\"username\":\"m\"},\"roles\":[]}]}";
    }

    /** A batcher whose session "s" Redis holds at seq 0, as after a resume: its batches continue it. */
    private static ShardBatcher resumed(BatchCommitter committer, TestRedis redis, Keys keys, int shard, int total) {
        redis.commands().hset(keys.session(shard), java.util.Map.of("session_id", "s", "seq", "0"));
        return committer.open(shard, total, paused -> {});
    }

    private static Keys keys(TestRedis redis) {
        return new Keys(redis.key("g"), redis.key("discord"), "test");
    }

    private static BatchCommitter committer(TestRedis redis, Keys keys) {
        EntityCache cache = new RedisEntityCache(keys, new CacheRules(new ObjectMapper(), true), Duration.ofSeconds(5));
        return new BatchCommitter(
                RedisURI.create(redis.uri().toString()),
                keys,
                CommitterConfig.defaults("node-a").withLanes(1),
                cache,
                InstantSource.system());
    }

    private static io.lettuce.core.api.StatefulRedisConnection<String, String> connection(TestRedis redis) {
        return redis.commands().getStatefulConnection();
    }

    private static Dispatch dispatch(long seq, String type, String json) {
        return new Dispatch(seq, "s", type, json.getBytes(StandardCharsets.UTF_8), 0);
    }
}
