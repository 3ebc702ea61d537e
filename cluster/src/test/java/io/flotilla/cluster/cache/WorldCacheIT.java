package io.flotilla.cluster.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flotilla.cluster.commit.BatchCommitter;
import io.flotilla.cluster.commit.CommitterConfig;
import io.flotilla.cluster.commit.Dispatch;
import io.flotilla.cluster.commit.ShardBatcher;
import io.flotilla.cluster.endtoend.CacheMatchesWorld;
import io.flotilla.fake.world.EventGenerator;
import io.flotilla.fake.world.World;
import io.flotilla.fake.world.WorldOptions;
import io.flotilla.testkit.RedisExtension;
import io.flotilla.testkit.TestRedis;
import io.flotilla.worker.Keys;
import io.flotilla.worker.RedisCacheReader;
import io.lettuce.core.RedisURI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gold standard: the fake Discord's world (an independent implementation) generates a long run of events for
 * a shard; after the committer wrote them through the Redis cache, every cached guild, member and user equals the
 * world's own snapshot of it. (Seed 42 gives about 900 MESSAGE_CREATE, 125 PRESENCE_UPDATE, 80 member, 45 channel
 * and thread, 14 role, 7 guild and 5 emoji events; breaking one rule, e.g. GUILD_ROLE_UPDATE, fails this test.)
 */
@SuppressWarnings("deprecation") // TestRedis hands out its commands; their connection is what the stores take
@ExtendWith(RedisExtension.class)
class WorldCacheIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ALL_INTENTS = (1 << 26) - 1;
    private static final int EVENTS = 1500;

    @Test
    void theCacheEqualsTheWorldAfterManyGeneratedEvents(TestRedis redis) throws Exception {
        World world = World.generate(WorldOptions.small(42));
        Keys keys = new Keys(redis.key("g"), redis.key("discord"), "test");
        EntityCache cache = new RedisEntityCache(keys, new CacheRules(JSON, true), Duration.ofSeconds(5));
        try (BatchCommitter committer = new BatchCommitter(
                RedisURI.create(redis.uri().toString()),
                keys,
                CommitterConfig.defaults("node-a").withLanes(1),
                cache,
                InstantSource.system())) {
            ShardBatcher shard = committer.open(0, 2, paused -> {});
            long seq = 0;
            String bot = new String(world.botUserJson(), StandardCharsets.UTF_8);
            shard.add(dispatch(
                    ++seq, "READY", "{\"session_id\":\"s\",\"resume_gateway_url\":\"wss://r\",\"user\":" + bot + "}"));
            for (String guildId : world.guildIds(0, 2)) {
                shard.add(new Dispatch(++seq, "s", "GUILD_CREATE", world.guildCreate(guildId, ALL_INTENTS, 250), 0));
            }
            EventGenerator events = world.events(0, 2);
            for (int i = 0; i < EVENTS; i++) {
                io.flotilla.fake.world.Dispatch next = events.next();
                shard.add(new Dispatch(++seq, "s", next.type(), next.data(), 0));
            }
            shard.flush().get(60, TimeUnit.SECONDS);
        }

        RedisCacheReader reader = new RedisCacheReader(redis.commands().getStatefulConnection(), keys, 2);
        for (String guildId : world.guildIds(0, 2)) {
            CacheMatchesWorld.checkGuild(world, reader, guildId);
            // Only shard 0 ran, so every user of its guilds must equal the world's exactly (the bot: a superset).
            for (String userId : world.members(guildId).keySet()) {
                ObjectNode user = world.user(userId).orElseThrow();
                ObjectNode cachedUser =
                        CacheMatchesWorld.parse(reader.user(userId).orElseThrow());
                if (userId.equals(world.botUserId())) {
                    // READY's user is the bot's own, with fields only it sees (email, verified, ...): a superset.
                    user.fieldNames()
                            .forEachRemaining(field -> assertThat(cachedUser.get(field))
                                    .as("bot user field %s", field)
                                    .isEqualTo(user.get(field)));
                } else {
                    assertThat(cachedUser).as("user %s", userId).isEqualTo(user);
                }
            }
        }
    }

    private static Dispatch dispatch(long seq, String type, String json) {
        return new Dispatch(seq, "s", type, json.getBytes(StandardCharsets.UTF_8), 0);
    }
}
