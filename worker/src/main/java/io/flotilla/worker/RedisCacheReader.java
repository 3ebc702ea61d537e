package io.flotilla.worker;

import io.flotilla.protocol.Snowflake;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the entity cache from Redis ({@code redis} cache mode), locating a guild's keys by its shard
 * ({@link Snowflake#shardOf}).
 *
 * <p>Thread-safe; the connection is the caller's and may be shared.
 */
public final class RedisCacheReader implements CacheView {
    private final RedisCommands<String, String> redis;
    private final Keys keys;
    private final int shardTotal;

    public RedisCacheReader(StatefulRedisConnection<String, String> connection, Keys keys, int shardTotal) {
        if (shardTotal < 1) {
            throw new IllegalArgumentException("shard total must be at least 1, was " + shardTotal);
        }
        this.redis = connection.sync();
        this.keys = keys;
        this.shardTotal = shardTotal;
    }

    @Override
    public Optional<String> guild(String guildId) {
        return Optional.ofNullable(redis.hget(keys.guilds(shardOf(guildId)), guildId));
    }

    @Override
    public Optional<String> member(String guildId, String userId) {
        return Optional.ofNullable(redis.hget(keys.members(shardOf(guildId), guildId), userId));
    }

    @Override
    public Map<String, String> members(String guildId) {
        return redis.hgetall(keys.members(shardOf(guildId), guildId));
    }

    @Override
    public Optional<String> user(String userId) {
        return Optional.ofNullable(redis.hget(keys.users(), userId));
    }

    private int shardOf(String guildId) {
        return Snowflake.shardOf(Snowflake.parse(guildId), shardTotal);
    }
}
