package io.flotilla.fake.world;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Generates a world from its options: the bot, the shared user pool, and every guild with ids laid out so
 * that each shard of {@code options.shardCount()} gets exactly {@code guildsPerShard} guilds.
 *
 * <p>Guilds pick their members from overlapping windows of the user pool (each window starts 80% of a guild's
 * size after the previous one), so neighbouring guilds share about a fifth of their members.
 *
 * <p>Not thread-safe; used once by {@link World#generate}.
 */
final class WorldGenesis {

    private static final long GUILDS_START_MS =
            Instant.parse("2019-01-01T00:00:00Z").toEpochMilli();
    private static final long BOT_CREATED_MS =
            Instant.parse("2021-03-01T00:00:00Z").toEpochMilli();
    /** Spacing between the guilds of one shard, in shardCount-sized steps (prime, so offsets differ). */
    private static final int GUILD_SPACING = 997;

    private final WorldOptions options;

    WorldGenesis(WorldOptions options) {
        this.options = options;
    }

    World generate(World.Assembly assembly) {
        RandomGenerator rng = Seeds.random(options.seed(), -1);
        long botId = new SnowflakeMint(SnowflakeMint.BOT_WORKER).mint(BOT_CREATED_MS + rng.nextLong(86_400_000L));
        User bot = new User(botId, "flotilla", "Flotilla", null, true, 0);
        int guildCount = Math.multiplyExact(options.shardCount(), options.guildsPerShard());
        int humans = options.membersPerGuild() - 1;
        int stride = Math.max(1, humans - humans / 5);
        int poolSize = guildCount == 0 ? 0 : Math.max(humans, Math.multiplyExact(stride, guildCount));
        UserDirectory users = UserDirectory.generate(
                poolSize, Seeds.random(options.seed(), -2), new SnowflakeMint(SnowflakeMint.USER_WORKER));
        users.add(bot);
        GenesisIds entityIds = new GenesisIds(SnowflakeMint.GUILD_ENTITY_WORKER);
        for (int k = 0; k < guildCount; k++) {
            entityIds.reserve(guildId(k));
        }
        List<GuildState> guilds = new ArrayList<>(guildCount);
        long[] memberIds = new long[humans];
        for (int k = 0; k < guildCount; k++) {
            for (int n = 0; n < humans; n++) {
                memberIds[n] = users.poolUser((int) (((long) k * stride + n) % poolSize));
            }
            RandomGenerator guildRng = Seeds.random(options.seed(), k);
            guilds.add(new GuildBuilder(options, guildRng, entityIds, bot).build(guildId(k), memberIds));
        }
        guilds.sort(Comparator.comparingLong(guild -> guild.id));
        return assembly.assemble(options, bot, users, guilds);
    }

    /**
     * The id of guild {@code k}: shard {@code k % shardCount}, its {@code k / shardCount}-th guild. The
     * timestamp part is chosen so that {@code (id >>> 22) % shardCount} is the shard (GATEWAY.md section 8).
     */
    private long guildId(int k) {
        int shardCount = options.shardCount();
        int shard = k % shardCount;
        long nth = k / shardCount;
        long startRel = GUILDS_START_MS - SnowflakeMint.DISCORD_EPOCH_MS;
        long base = (startRel + shardCount - 1) / shardCount * shardCount;
        long step = nth * GUILD_SPACING + (shard * 31L) % GUILD_SPACING;
        long timestampRel = base + shardCount * step + shard;
        return SnowflakeMint.compose(timestampRel + SnowflakeMint.DISCORD_EPOCH_MS, SnowflakeMint.GUILD_WORKER, 0);
    }
}
