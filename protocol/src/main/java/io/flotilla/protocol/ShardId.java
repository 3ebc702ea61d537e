package io.flotilla.protocol;

/**
 * One shard of a bot: {@code [id, total]} as sent in identify (GATEWAY.md section 8). A value; immutable.
 *
 * @param id the shard number, from 0
 * @param total the number of shards the bot runs
 */
public record ShardId(int id, int total) {
    public ShardId {
        if (total < 1) {
            throw new IllegalArgumentException("shard total must be at least 1, got " + total);
        }
        if (id < 0 || id >= total) {
            throw new IllegalArgumentException(
                    "shard id must be in [0, " + total + "), got " + id + "; check the shard configuration");
        }
    }

    /** The identify bucket of this shard: {@code id % maxConcurrency} (section 8). */
    public int bucket(int maxConcurrency) {
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("max_concurrency must be at least 1, got " + maxConcurrency);
        }
        return id % maxConcurrency;
    }

    /** True if this shard receives the guild's events. */
    public boolean owns(long guildId) {
        return Snowflake.shardOf(guildId, total) == id;
    }

    @Override
    public String toString() {
        return "[" + id + ", " + total + "]";
    }
}
