package io.flotilla.worker;

import io.flotilla.protocol.Snowflake;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * Sends gateway commands to the shard that owns a guild: an entry {@code {op, d}} appended to
 * {@code g:command:<shard>}, where the node running that shard validates it and sends it within the shard's
 * rate limit. Invalid commands end up in {@code g:command:rejected} with the reason, never on the wire.
 *
 * <p>Thread-safe (Lettuce connections are); the connection is the caller's and may be shared.
 */
public final class CommandSender {
    /** Update Presence (GATEWAY.md section 7). */
    public static final int PRESENCE_UPDATE = 3;
    /** Update Voice State. */
    public static final int VOICE_STATE_UPDATE = 4;
    /** Request Guild Members. */
    public static final int REQUEST_GUILD_MEMBERS = 8;
    /** Request Soundboard Sounds. */
    public static final int REQUEST_SOUNDBOARD_SOUNDS = 31;

    private final RedisCommands<String, String> redis;
    private final Keys keys;
    private final int shardTotal;

    public CommandSender(StatefulRedisConnection<String, String> connection, Keys keys, int shardTotal) {
        if (shardTotal < 1) {
            throw new IllegalArgumentException("shard total must be at least 1, was " + shardTotal);
        }
        this.redis = connection.sync();
        this.keys = keys;
        this.shardTotal = shardTotal;
    }

    /**
     * Queues a command about a guild on the shard that owns it ({@link Snowflake#shardOf}, {@code (guild_id >>> 22) % shard_total}); returns the entry id.
     *
     * @param dataJson the command's {@code d} as JSON; its {@code guild_id} must be this guild or the command
     *     is rejected
     */
    public String send(String guildId, int op, String dataJson) {
        return sendToShard(Snowflake.shardOf(Snowflake.parse(guildId), shardTotal), op, dataJson);
    }

    /** Queues a command on one shard (for op 3, which is not about a guild); returns the entry id. */
    public String sendToShard(int shard, int op, String dataJson) {
        if (shard < 0 || shard >= shardTotal) {
            throw new IllegalArgumentException("shard " + shard + " is outside 0.." + (shardTotal - 1));
        }
        return redis.xadd(keys.commands(shard), CommandFields.OP, Integer.toString(op), CommandFields.DATA, dataJson);
    }
}
