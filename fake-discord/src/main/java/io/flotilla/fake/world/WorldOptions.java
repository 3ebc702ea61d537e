package io.flotilla.fake.world;

/**
 * How big the simulated world is. Same options and seed, same world, byte for byte.
 *
 * @param seed seeds every random choice
 * @param shardCount the shard count the world is laid out for: each shard {@code [i, shardCount]} gets exactly
 *     {@code guildsPerShard} guilds under Discord's routing rule {@code (guild_id >> 22) % shardCount}
 * @param guildsPerShard guilds routed to each shard
 * @param membersPerGuild members of each guild, the bot included
 * @param channelsPerGuild text, voice and category channels of each guild
 * @param rolesPerGuild roles of each guild, {@code @everyone} included
 */
public record WorldOptions(
        long seed, int shardCount, int guildsPerShard, int membersPerGuild, int channelsPerGuild, int rolesPerGuild) {

    public WorldOptions {
        requireAtLeast("shardCount", shardCount, 1);
        requireAtLeast("guildsPerShard", guildsPerShard, 0);
        requireAtLeast("membersPerGuild", membersPerGuild, 1);
        requireAtLeast("channelsPerGuild", channelsPerGuild, 1);
        requireAtLeast("rolesPerGuild", rolesPerGuild, 1);
    }

    /** A small world for tests: 2 shards, 3 guilds each, 20 members, 6 channels, 4 roles. */
    public static WorldOptions small(long seed) {
        return new WorldOptions(seed, 2, 3, 20, 6, 4);
    }

    private static void requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException("world option " + name + " must be at least " + min + ", was " + value);
        }
    }
}
