package io.flotilla.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the entity cache in Redis ({@code CACHE_MODE=redis}) as Jackson trees: a guild with its embedded
 * {@code channels} and {@code roles}, a member (whose {@code user} is the user's id), a guild's members, a user.
 * The raw JSON is {@link RedisCacheReader}'s. Keys are located by the guild's shard, with the shard count the
 * cluster's leader recorded ({@link ClusterConfig}), read once here: make a new reader after the cluster restarts
 * with another count.
 *
 * <p>Cache mode: nodes record theirs in the config hash ({@link ClusterConfig#CACHE_MODE}), and the constructor that
 * reads the config refuses a cluster whose nodes run {@code CACHE_MODE=none} or {@code memory} (the hashes do not
 * exist there, and every read would be empty, like a guild that is not cached). {@link #looksEmpty} is a second hint:
 * no shard has a guild hash.
 *
 * <p>Thread-safe; the connection is the caller's and may be shared.
 */
public final class CacheReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RedisCacheReader raw;
    private final StatefulRedisConnection<String, String> connection;
    private final Keys keys;
    private final int shardCount;

    /**
     * With the cluster's shard count, read now.
     *
     * @throws IllegalStateException when no shard count is recorded ({@link ClusterConfig#read}) or the nodes keep
     *     no cache in Redis ({@link ClusterConfig#requireRedisCache})
     */
    public CacheReader(StatefulRedisConnection<String, String> connection, Keys keys) {
        this(connection, keys, redisCacheShardCount(connection, keys));
    }

    private static int redisCacheShardCount(StatefulRedisConnection<String, String> connection, Keys keys) {
        Map<String, String> config = connection.sync().hgetall(keys.config());
        ClusterConfig.requireRedisCache(keys, config);
        return ClusterConfig.parse(keys, config).shardCount();
    }

    public CacheReader(StatefulRedisConnection<String, String> connection, Keys keys, int shardCount) {
        this.raw = new RedisCacheReader(connection, keys, shardCount);
        this.connection = connection;
        this.keys = keys;
        this.shardCount = shardCount;
    }

    /** The guild with {@code channels}, {@code roles}, {@code threads}, {@code emojis}, {@code stickers}. */
    public Optional<JsonNode> guild(String guildId) {
        return raw.guild(guildId).map(text -> parse(text, "guild " + guildId));
    }

    /** The guild's channels (empty when the guild is not cached). */
    public List<JsonNode> channels(String guildId) {
        return embedded(guildId, "channels");
    }

    /** The guild's roles (empty when the guild is not cached). */
    public List<JsonNode> roles(String guildId) {
        return embedded(guildId, "roles");
    }

    /** The member; its {@code user} is the user's id ({@link #user} has the user). */
    public Optional<JsonNode> member(String guildId, String userId) {
        return raw.member(guildId, userId).map(text -> parse(text, "member " + userId + " of guild " + guildId));
    }

    /** Every cached member of the guild, by user id. */
    public Map<String, JsonNode> members(String guildId) {
        Map<String, JsonNode> members = new LinkedHashMap<>();
        raw.members(guildId).forEach((user, text) -> members.put(user, parse(text, "member " + user)));
        return members;
    }

    /** The user, stored once for every guild. */
    public Optional<JsonNode> user(String userId) {
        return raw.user(userId).map(text -> parse(text, "user " + userId));
    }

    /** True when no shard has a guild hash: the cache is off ({@code none}/{@code memory}) or not filled yet. */
    public boolean looksEmpty() {
        for (int shard = 0; shard < shardCount; shard++) {
            if (connection.sync().exists(keys.guilds(shard)) > 0) {
                return false;
            }
        }
        return true;
    }

    private List<JsonNode> embedded(String guildId, String field) {
        List<JsonNode> items = new ArrayList<>();
        guild(guildId).ifPresent(guild -> guild.path(field).forEach(items::add));
        return items;
    }

    private static JsonNode parse(String text, String what) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the cached " + what + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
