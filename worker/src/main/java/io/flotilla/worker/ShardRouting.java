package io.flotilla.worker;

/**
 * Discord's routing rule: a guild's events and commands belong to shard {@code (guild_id >>> 22) %
 * shard_total} (GATEWAY.md section 8; unsigned shift, section 14 item 11).
 *
 * <p>Stateless.
 */
public final class ShardRouting {
    private ShardRouting() {}

    /** The shard that owns the guild. Throws if the id is not a snowflake or the total is below 1. */
    public static int shardOf(String guildId, int shardTotal) {
        return shardOf(parseSnowflake(guildId), shardTotal);
    }

    /** The shard that owns the guild, for a snowflake already parsed (unsigned 64-bit). */
    public static int shardOf(long guildId, int shardTotal) {
        if (shardTotal < 1) {
            throw new IllegalArgumentException("shard total must be at least 1, was " + shardTotal);
        }
        return (int) Long.remainderUnsigned(guildId >>> 22, shardTotal);
    }

    /** Parses a snowflake string as an unsigned 64-bit number; throws IllegalArgumentException on junk. */
    public static long parseSnowflake(String id) {
        try {
            return Long.parseUnsignedLong(id);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a snowflake id: '" + id + "'", e);
        }
    }
}
