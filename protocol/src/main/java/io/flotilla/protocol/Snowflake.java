package io.flotilla.protocol;

/**
 * Snowflake maths (GATEWAY.md section 8). Stateless.
 *
 * <p>Snowflakes are unsigned 64-bit numbers; the shift is {@code >>>} so that ids with the top bit set route
 * correctly (section 14 item 11).
 */
public final class Snowflake {
    private Snowflake() {}

    /** Parses a decimal snowflake string, accepting the full unsigned 64-bit range. */
    public static long parse(String id) {
        try {
            return Long.parseUnsignedLong(id);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a snowflake (unsigned 64-bit decimal): '" + id + "'", e);
        }
    }

    /** The shard that receives a guild's events: {@code (guild_id >>> 22) % total}. */
    public static int shardOf(long guildId, int total) {
        if (total < 1) {
            throw new IllegalArgumentException("shard total must be at least 1, got " + total);
        }
        return (int) Long.remainderUnsigned(guildId >>> 22, total);
    }

    /** The creation time in Unix milliseconds (Discord epoch 2015-01-01). */
    public static long timestampMillis(long id) {
        return (id >>> 22) + 1_420_070_400_000L;
    }
}
