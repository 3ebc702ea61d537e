package io.flotilla.cluster.cache;

import io.flotilla.cluster.ClusterException;
import io.flotilla.worker.Keys;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Cache mode {@code redis}: the seed's schema ({@link Keys#guilds}, {@link Keys#members}, {@link Keys#users}).
 * A shard owns its {@code g:cache:<shard>:*} keys and only its lane writes them, so reading them (one pipelined
 * round trip, queued behind the lane's earlier commits), computing in Java and writing through the batch's commit
 * script is free of races. The shared user hash is merged by {@link UserMergeScript} ahead of the transaction.
 *
 * <p>Thread-safe (stateless apart from settings); called by committer lanes.
 */
public final class RedisEntityCache implements EntityCache {
    private final Keys keys;
    private final CacheRules rules;
    private final Duration timeout;

    public RedisEntityCache(Keys keys, CacheRules rules, Duration timeout) {
        this.keys = keys;
        this.rules = rules;
        this.timeout = timeout;
    }

    @Override
    public boolean touchesCache(String eventName) {
        return rules.touchesCache(eventName);
    }

    @Override
    public void connected(StatefulRedisConnection<String, byte[]> lane) {
        await(lane, lane.async().scriptLoad(UserMergeScript.SCRIPT.source()), "loading the user merge script");
    }

    @Override
    public Prepared prepare(
            int shard, List<String> types, List<byte[]> data, StatefulRedisConnection<String, byte[]> lane) {
        return read(shard, types, data, lane).finish();
    }

    /** Sends the batch's HMGETs (not flushed). A READY's wipe happens inside the commit script. */
    @Override
    public Reading read(
            int shard, List<String> types, List<byte[]> data, StatefulRedisConnection<String, byte[]> lane) {
        return reading(shard, null, types, data, lane);
    }

    /** As above; the messages {@code written} knows to change nothing are left out, what the rest writes is noted. */
    @Override
    public Reading read(
            int shard,
            WrittenDocuments written,
            List<String> types,
            List<byte[]> data,
            StatefulRedisConnection<String, byte[]> lane) {
        return reading(shard, written, types, data, lane);
    }

    private Reading reading(
            int shard,
            @Nullable WrittenDocuments written,
            List<String> types,
            List<byte[]> data,
            StatefulRedisConnection<String, byte[]> lane) {
        CacheRules.Plan plan = rules.plan(types, data, written);
        if (plan.events().isEmpty()) {
            return () -> Prepared.NOTHING;
        }
        RedisFuture<List<KeyValue<String, byte[]>>> guilds = plan.guildIds().isEmpty()
                ? null
                : lane.async().hmget(keys.guilds(shard), plan.guildIds().toArray(String[]::new));
        Map<String, RedisFuture<List<KeyValue<String, byte[]>>>> members =
                requestMembers(shard, plan.memberKeys(), lane);
        return () -> {
            Map<String, byte[]> loadedGuilds = new HashMap<>();
            if (guilds != null) {
                await(lane, guilds, "reading guilds of shard " + shard)
                        .forEach(value -> value.ifHasValue(json -> loadedGuilds.put(value.getKey(), json)));
            }
            Map<MemberKey, byte[]> loadedMembers = new HashMap<>();
            members.forEach((guildId, reply) -> await(lane, reply, "reading members of guild " + guildId)
                    .forEach(value ->
                            value.ifHasValue(json -> loadedMembers.put(new MemberKey(guildId, value.getKey()), json))));
            CacheDocuments docs = new CacheDocuments(rules.json(), loadedGuilds, loadedMembers);
            CacheWrites writes = rules.compute(plan, docs);
            if (written != null) {
                docs.remember(written);
            }
            return new Prepared(writes, mergeUsers(writes, lane));
        };
    }

    private List<RedisFuture<?>> mergeUsers(CacheWrites writes, StatefulRedisConnection<String, byte[]> lane) {
        if (writes.users().isEmpty()) {
            return List.of();
        }
        byte[][] args = new byte[writes.users().size() * 2][];
        int i = 0;
        for (Map.Entry<String, byte[]> user : writes.users().entrySet()) {
            args[i++] = user.getKey().getBytes(StandardCharsets.UTF_8);
            args[i++] = user.getValue();
        }
        return List.of(lane.async()
                .evalsha(UserMergeScript.SCRIPT.sha(), ScriptOutputType.INTEGER, new String[] {keys.users()}, args));
    }

    @Override
    public void write(int shard, Prepared prepared, CacheOpSink script) {
        CacheWrites writes = prepared.writes();
        if (writes.shardPartIsEmpty()) {
            return;
        }
        if (writes.wipe()) {
            script.wipeShard();
        }
        for (String guildId : writes.clearedMemberGuilds()) {
            script.unlink(keys.members(shard, guildId));
        }
        if (!writes.guildPuts().isEmpty()) {
            script.hset(keys.guilds(shard), writes.guildPuts());
        }
        if (!writes.guildDeletes().isEmpty()) {
            script.hdel(keys.guilds(shard), writes.guildDeletes());
        }
        writes.memberPuts().forEach((guildId, members) -> script.hset(keys.members(shard, guildId), members));
        writes.memberDeletes().forEach((guildId, userIds) -> script.hdel(keys.members(shard, guildId), userIds));
    }

    private Map<String, RedisFuture<List<KeyValue<String, byte[]>>>> requestMembers(
            int shard, Set<MemberKey> memberKeys, StatefulRedisConnection<String, byte[]> lane) {
        if (memberKeys.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> byGuild = new LinkedHashMap<>();
        memberKeys.forEach(key ->
                byGuild.computeIfAbsent(key.guildId(), id -> new ArrayList<>()).add(key.userId()));
        Map<String, RedisFuture<List<KeyValue<String, byte[]>>>> replies = new LinkedHashMap<>();
        byGuild.forEach((guildId, userIds) ->
                replies.put(guildId, lane.async().hmget(keys.members(shard, guildId), userIds.toArray(String[]::new))));
        return replies;
    }

    /** Sends what the lane buffered (it does not flush each command), then waits for the reply. */
    private <T> T await(StatefulRedisConnection<String, byte[]> lane, Future<T> reply, String what) {
        lane.flushCommands();
        try {
            return reply.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException(ClusterException.Kind.INTERRUPTED, "interrupted while " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ClusterException(
                    ClusterException.Kind.REDIS_UNAVAILABLE, "Redis failed while " + what + ": " + e.getMessage(), e);
        }
    }
}
