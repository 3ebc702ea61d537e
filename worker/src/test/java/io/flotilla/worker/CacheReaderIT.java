package io.flotilla.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flotilla.testkit.RedisExtension;
import io.flotilla.testkit.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The cache read back as trees from the seed's schema, located with the recorded shard count. */
@ExtendWith(RedisExtension.class)
class CacheReaderIT {
    private static final String GUILD = "4194304"; // shard 1 of 2

    private @Nullable RedisClient client;

    @AfterEach
    void shutdown() {
        if (client != null) {
            client.shutdown();
        }
    }

    @Test
    void readsGuildChannelsRolesMembersAndUsers(TestRedis redis) {
        Keys keys = TestEvents.keys(redis);
        TestEvents.shardCount(redis, keys, 2);
        client = RedisClient.create(redis.uri().toString());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            CacheReader cache = new CacheReader(connection, keys);
            assertThat(cache.looksEmpty()).isTrue();
            redis.commands()
                    .hset(
                            keys.guilds(1),
                            GUILD,
                            "{\"id\":\"" + GUILD
                                    + "\",\"name\":\"g\",\"channels\":[{\"id\":\"10\",\"name\":\"general\"}],"
                                    + "\"roles\":[{\"id\":\"" + GUILD + "\",\"name\":\"@everyone\"}]}");
            redis.commands().hset(keys.members(1, GUILD), "7", "{\"user\":\"7\",\"nick\":\"seven\",\"roles\":[]}");
            redis.commands().hset(keys.users(), "7", "{\"id\":\"7\",\"username\":\"u7\"}");

            assertThat(cache.looksEmpty()).isFalse();
            assertThat(cache.guild(GUILD).orElseThrow().path("name").asText()).isEqualTo("g");
            assertThat(cache.channels(GUILD))
                    .extracting(c -> c.path("name").asText())
                    .containsExactly("general");
            assertThat(cache.roles(GUILD))
                    .extracting(r -> r.path("name").asText())
                    .containsExactly("@everyone");
            JsonNode member = cache.member(GUILD, "7").orElseThrow();
            assertThat(member.path("nick").asText()).isEqualTo("seven");
            assertThat(cache.user(member.path("user").asText())
                            .orElseThrow()
                            .path("username")
                            .asText())
                    .isEqualTo("u7");
            assertThat(cache.members(GUILD)).containsOnlyKeys("7");
            assertThat(cache.guild("8388608")).as("another guild (shard 0)").isEmpty();
            assertThat(cache.channels("8388608")).isEmpty();
        }
    }

    @Test
    void aClusterWhoseNodesKeepNoCacheInRedisIsRefusedWithWhatToSet(TestRedis redis) {
        Keys keys = TestEvents.keys(redis);
        TestEvents.shardCount(redis, keys, 2);
        redis.commands().hset(keys.config(), ClusterConfig.CACHE_MODE, "none");
        client = RedisClient.create(redis.uri().toString());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CacheReader(connection, keys))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("CACHE_MODE=none")
                    .hasMessageContaining("set CACHE_MODE=redis");
            redis.commands().hset(keys.config(), ClusterConfig.CACHE_MODE, "redis");
            assertThat(new CacheReader(connection, keys).looksEmpty()).isTrue();
        }
    }
}
