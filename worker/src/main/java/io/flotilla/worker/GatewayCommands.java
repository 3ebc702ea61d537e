package io.flotilla.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flotilla.protocol.Snowflake;
import io.flotilla.protocol.json.Envelope;
import io.flotilla.protocol.json.EnvelopeDecoder;
import io.flotilla.protocol.json.GatewayCommand;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Gateway commands a worker asks the cluster to send (GATEWAY.md section 7), each appended as {@code {op, d}} to
 * {@code g:command:<shard>} of the shard that owns the guild ({@code (guild_id >>> 22) % shard_count}), where the
 * node running that shard checks it again and sends it within the shard's rate limit. Every command is built by
 * protocol's {@link GatewayCommand} (a JSON generator, never concatenated text) and checked here before anything
 * is written: bad input throws IllegalArgumentException (or protocol's PayloadException, e.g. over 4096 bytes)
 * naming the problem, and nothing reaches Redis.
 *
 * <p>The shard count is read from the cluster config key ({@link ClusterConfig}) on every call unless fixed at
 * construction: one HGET per command, so a worker follows a cluster restarted with another count.
 *
 * <p>Thread-safe; the connection is the caller's and may be shared.
 */
public final class GatewayCommands {
    /** Discord's limit on the user ids of one Request Guild Members. */
    public static final int MAX_USER_IDS = 100;
    /** Discord's limit on a Request Guild Members nonce, in bytes. */
    public static final int MAX_NONCE_BYTES = 32;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RedisCommands<String, String> redis;
    private final Keys keys;
    private final IntSupplier shardCount;

    /** Routes with the shard count the cluster's leader recorded ({@link ClusterConfig#read}), read per call. */
    public GatewayCommands(StatefulRedisConnection<String, String> connection, Keys keys) {
        this.redis = connection.sync();
        this.keys = keys;
        this.shardCount = () -> ClusterConfig.read(connection, keys).shardCount();
    }

    /** Routes with a shard count the caller knows (it must be the cluster's, or the node rejects the commands). */
    public GatewayCommands(StatefulRedisConnection<String, String> connection, Keys keys, int shardCount) {
        if (shardCount < 1) {
            throw new IllegalArgumentException("shard count must be at least 1, was " + shardCount);
        }
        this.redis = connection.sync();
        this.keys = keys;
        this.shardCount = () -> shardCount;
    }

    /** Op 3 on every shard (presence is per connection: this is how the whole bot changes it). Entry ids by shard. */
    public List<String> presenceAll(Presence presence) {
        String d = data(presenceCommand(presence));
        int count = shardCount.getAsInt();
        List<String> ids = new ArrayList<>(count);
        for (int shard = 0; shard < count; shard++) {
            ids.add(append(shard, 3, d));
        }
        return ids;
    }

    /** Op 3 on one shard. Returns the entry id. */
    public String presence(int shard, Presence presence) {
        String d = data(presenceCommand(presence));
        int count = shardCount.getAsInt();
        if (shard < 0 || shard >= count) {
            throw new IllegalArgumentException("shard " + shard + " is outside 0.." + (count - 1));
        }
        return append(shard, 3, d);
    }

    /** Op 4: join or move to {@code channelId}, or leave voice in the guild when it is null. Returns the entry id. */
    public String voiceState(String guildId, @Nullable String channelId, boolean selfMute, boolean selfDeaf) {
        long guild = snowflake("guild_id", guildId);
        Long channel = channelId == null ? null : snowflake("channel_id", channelId);
        return toGuild(guild, GatewayCommand.voiceState(guild, channel, selfMute, selfDeaf));
    }

    /** Op 8 by name prefix; {@code query ""} with {@code limit 0} asks for every member. Returns the entry id. */
    public String requestMembers(String guildId, String query, int limit, @Nullable String nonce) {
        long guild = snowflake("guild_id", guildId);
        if (limit < 0) {
            throw new IllegalArgumentException(
                    "limit must be at least 0 (0: no limit with an empty query), was " + limit);
        }
        return toGuild(guild, GatewayCommand.requestMembers(guild, query, limit, nonce(nonce)));
    }

    /** Op 8 by user ids (1 to 100). Returns the entry id. */
    public String requestMembers(String guildId, List<String> userIds, @Nullable String nonce) {
        long guild = snowflake("guild_id", guildId);
        if (userIds.isEmpty() || userIds.size() > MAX_USER_IDS) {
            throw new IllegalArgumentException(
                    "give 1 to " + MAX_USER_IDS + " user ids, not " + userIds.size() + "; split the request");
        }
        List<Long> ids = userIds.stream().map(id -> snowflake("user_ids", id)).toList();
        return toGuild(guild, GatewayCommand.requestMembers(guild, ids, nonce(nonce)));
    }

    /** Op 31 for these guilds: one command per owning shard. Entry ids by shard. */
    public Map<Integer, String> requestSoundboardSounds(List<String> guildIds) {
        if (guildIds.isEmpty()) {
            throw new IllegalArgumentException("give at least one guild id");
        }
        int count = shardCount.getAsInt();
        Map<Integer, List<Long>> byShard = new TreeMap<>();
        for (String id : guildIds) {
            long guild = snowflake("guild_ids", id);
            byShard.computeIfAbsent(Snowflake.shardOf(guild, count), s -> new ArrayList<>())
                    .add(guild);
        }
        Map<Integer, String> ids = new TreeMap<>();
        byShard.forEach((shard, guilds) ->
                ids.put(shard, append(shard, 31, data(GatewayCommand.requestSoundboardSounds(guilds)))));
        return ids;
    }

    private String toGuild(long guildId, GatewayCommand command) {
        String d = data(command);
        return append(
                Snowflake.shardOf(guildId, shardCount.getAsInt()), command.op().code(), d);
    }

    private String append(int shard, int op, String d) {
        return redis.xadd(keys.commands(shard), CommandFields.OP, Integer.toString(op), CommandFields.DATA, d);
    }

    private static GatewayCommand presenceCommand(Presence presence) {
        ArrayNode activities = JSON.createArrayNode();
        for (Presence.Activity activity : presence.activities()) {
            ObjectNode node =
                    activities.addObject().put("name", activity.name()).put("type", activity.type());
            if (activity.state() != null) {
                node.put("state", activity.state());
            }
        }
        return GatewayCommand.presence(
                presence.status().wire(), presence.afk(), presence.since(), activities.toString());
    }

    /** The command's {@code d}, exactly as the generator wrote it. */
    private static String data(GatewayCommand command) {
        byte[] json = command.json();
        Envelope envelope = new EnvelopeDecoder().decode(json, 0, json.length);
        return new String(envelope.dataBytes(), StandardCharsets.UTF_8);
    }

    private static @Nullable String nonce(@Nullable String nonce) {
        if (nonce != null && nonce.getBytes(StandardCharsets.UTF_8).length > MAX_NONCE_BYTES) {
            throw new IllegalArgumentException("nonce must be at most " + MAX_NONCE_BYTES + " bytes");
        }
        return nonce;
    }

    private static long snowflake(String field, String id) {
        try {
            return Snowflake.parse(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }
}
