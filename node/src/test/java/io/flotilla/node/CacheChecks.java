package io.flotilla.node;

import io.flotilla.cluster.endtoend.CacheMatchesWorld;
import io.flotilla.cluster.endtoend.StreamsMatchFake;
import io.flotilla.fake.world.World;
import io.flotilla.worker.RedisCacheReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The soak's check of the entity cache (CACHE_MODE redis), run once the traffic stopped and the streams were found
 * equal to the fake's log: every guild's cached fields, member set and members equal the fake world's own state
 * ({@link CacheMatchesWorld}, the gold standard of {@code WorldCacheIT}), and so does every user who is a member on
 * one shard only and whose events came on one shard only (a user of two shards may keep the version the slower
 * shard wrote last, and a user who left a guild of another shard during the soak was such a user then). The promise covers every
 * guild, gap or not: events Redis lost in a rollback are replayed by RESUME, and a shard that had a gap identified
 * again, and a full IDENTIFY rebuilds its cache from READY and the GUILD_CREATEs (ARCHITECTURE.md, the cache).
 * A mismatch is reported with its guild, its shard, whether that shard had a gap, and the field.
 *
 * <p>One test thread; static.
 */
final class CacheChecks {
    /** What was found: problems (empty: all kept) and a summary. */
    record Result(List<String> problems, String summary) {}

    private CacheChecks() {}

    /**
     * @param streamShards user id → the shards whose committed events carried the user ({@link StreamUsers}): a
     *     user of one shard by the end may have been on two during the soak, whose events Discord does not order
     */
    static Result check(
            World world,
            RedisCacheReader reader,
            int shards,
            List<StreamsMatchFake.Gap> gaps,
            Map<String, Set<Integer>> streamShards) {
        List<String> problems = new ArrayList<>();
        Set<Integer> gapShards = new HashSet<>();
        gaps.forEach(gap -> gapShards.add(gap.shard()));
        Map<String, Set<Integer>> userShards = new HashMap<>();
        int guilds = 0;
        int gapGuilds = 0;
        for (int shard = 0; shard < shards; shard++) {
            for (String guildId : world.guildIds(shard, shards)) {
                guilds++;
                gapGuilds += gapShards.contains(shard) ? 1 : 0;
                Set<String> worldMembers = world.members(guildId).keySet();
                Set<String> cachedMembers = reader.members(guildId).keySet();
                if (!worldMembers.equals(cachedMembers)) {
                    Set<String> missing = new HashSet<>(worldMembers);
                    missing.removeAll(cachedMembers);
                    Set<String> extra = new HashSet<>(cachedMembers);
                    extra.removeAll(worldMembers);
                    problems.add("cache: guild " + guildId + " of shard " + shard + gapNote(gapShards, shard)
                            + ": members missing " + missing + ", members that left " + extra);
                    continue;
                }
                try {
                    CacheMatchesWorld.checkGuild(world, reader, guildId);
                } catch (AssertionError | RuntimeException e) {
                    problems.add("cache: guild " + guildId + " of shard " + shard + gapNote(gapShards, shard) + ": "
                            + firstLines(e));
                }
            }
        }
        // Which shards each user is a member on: only users of one shard must equal the world exactly.
        for (int shard = 0; shard < shards; shard++) {
            for (String guildId : world.guildIds(shard, shards)) {
                for (String user : world.members(guildId).keySet()) {
                    userShards.computeIfAbsent(user, u -> new HashSet<>()).add(shard);
                }
            }
        }
        int users = 0;
        int movedUsers = 0;
        for (Map.Entry<String, Set<Integer>> user : userShards.entrySet()) {
            if (user.getKey().equals(world.botUserId()) || user.getValue().size() != 1) {
                continue;
            }
            if (streamShards.getOrDefault(user.getKey(), Set.of()).size() > 1) {
                movedUsers++;
                continue;
            }
            users++;
            var cached = reader.user(user.getKey());
            if (cached.isEmpty()) {
                problems.add("cache: user " + user.getKey() + " of shard " + user.getValue() + " missing");
            } else if (!CacheMatchesWorld.parse(cached.get())
                    .equals(world.user(user.getKey()).orElseThrow())) {
                problems.add("cache: user " + user.getKey() + " of shard " + user.getValue() + " differs: cached "
                        + cached.get() + ", world " + world.user(user.getKey()).orElseThrow());
            }
        }
        String summary = "cache: " + guilds + " guilds compared (" + gapGuilds + " on shards with a gap) and " + users
                + " users (" + movedUsers
                + " more of one shard now were left out: their events came on two shards' streams)";
        return new Result(problems, summary);
    }

    private static String gapNote(Set<Integer> gapShards, int shard) {
        return gapShards.contains(shard) ? " (a shard with a gap)" : " (no gap)";
    }

    private static String firstLines(Throwable e) {
        String message = String.valueOf(e.getMessage()).strip();
        List<String> lines = message.lines().limit(8).toList();
        return String.join(" | ", lines);
    }
}
