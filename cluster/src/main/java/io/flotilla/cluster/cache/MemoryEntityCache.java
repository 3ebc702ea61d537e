package io.flotilla.cluster.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flotilla.worker.CacheView;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cache mode {@code memory}: the same documents and rules as Redis, held in this node's memory (for a single
 * node). Changes apply when a batch is prepared, ahead of its Redis transaction: if the transaction is retried,
 * the events are applied again, which the rules tolerate (upserts; only {@code member_count} may drift).
 *
 * <p>Thread-safe: lanes write, any thread reads through {@link CacheView}.
 */
public final class MemoryEntityCache implements EntityCache, CacheView {
    private static final Logger LOG = LoggerFactory.getLogger(MemoryEntityCache.class);

    private final CacheRules rules;
    // shard → guild id → guild JSON; shard → guild id → user id → member JSON; user id → user JSON
    private final Map<Integer, Map<String, byte[]>> guilds = new ConcurrentHashMap<>();
    private final Map<Integer, Map<String, Map<String, byte[]>>> members = new ConcurrentHashMap<>();
    private final Map<String, byte[]> users = new ConcurrentHashMap<>();

    public MemoryEntityCache(CacheRules rules) {
        this.rules = rules;
    }

    @Override
    public boolean touchesCache(String eventName) {
        return rules.touchesCache(eventName);
    }

    @Override
    public Prepared prepare(
            int shard, List<String> types, List<byte[]> data, StatefulRedisConnection<String, byte[]> lane) {
        apply(shard, types, data);
        return Prepared.NOTHING;
    }

    /** Applies a shard's dispatches (names and raw {@code d}, in order) to the cache. One thread per shard. */
    public void apply(int shard, List<String> types, List<byte[]> data) {
        CacheRules.Plan plan = rules.plan(types, data);
        if (plan.events().isEmpty()) {
            return;
        }
        Map<String, byte[]> shardGuilds = guilds.computeIfAbsent(shard, s -> new ConcurrentHashMap<>());
        Map<String, Map<String, byte[]>> shardMembers = members.computeIfAbsent(shard, s -> new ConcurrentHashMap<>());
        Map<MemberKey, byte[]> loadedMembers = new HashMap<>();
        for (MemberKey key : plan.memberKeys()) {
            byte[] member = shardMembers.getOrDefault(key.guildId(), Map.of()).get(key.userId());
            if (member != null) {
                loadedMembers.put(key, member);
            }
        }
        CacheWrites writes = rules.compute(plan, new CacheDocuments(rules.json(), shardGuilds, loadedMembers));
        apply(writes, shardGuilds, shardMembers);
    }

    @Override
    public void write(int shard, Prepared prepared, CacheOpSink script) {}

    private void apply(
            CacheWrites writes, Map<String, byte[]> shardGuilds, Map<String, Map<String, byte[]>> shardMembers) {
        if (writes.wipe()) {
            shardGuilds.clear();
            shardMembers.clear();
        }
        writes.clearedMemberGuilds().forEach(shardMembers::remove);
        shardGuilds.putAll(writes.guildPuts());
        writes.guildDeletes().forEach(shardGuilds::remove);
        writes.memberPuts()
                .forEach((guildId, puts) -> shardMembers
                        .computeIfAbsent(guildId, id -> new ConcurrentHashMap<>())
                        .putAll(puts));
        writes.memberDeletes().forEach((guildId, userIds) -> {
            Map<String, byte[]> guildMembers = shardMembers.get(guildId);
            if (guildMembers != null) {
                userIds.forEach(guildMembers::remove);
            }
        });
        writes.users().forEach((id, user) -> users.merge(id, user, this::mergeUser));
    }

    /** The same merge as {@link UserMergeScript}: incoming fields win, the others stay. */
    private byte[] mergeUser(byte[] stored, byte[] incoming) {
        try {
            JsonNode current = rules.json().readTree(stored);
            if (current instanceof ObjectNode object) {
                object.setAll((ObjectNode) rules.json().readTree(incoming));
                return rules.json().writeValueAsBytes(object);
            }
        } catch (IOException | ClassCastException e) {
            LOG.warn("stored user is not a JSON object; replacing it: {}", e.getMessage());
        }
        return incoming;
    }

    @Override
    public Optional<String> guild(String guildId) {
        return guilds.values().stream()
                .map(shardGuilds -> shardGuilds.get(guildId))
                .filter(json -> json != null)
                .findFirst()
                .map(MemoryEntityCache::text);
    }

    @Override
    public Optional<String> member(String guildId, String userId) {
        return Optional.ofNullable(members(guildId).get(userId));
    }

    @Override
    public Map<String, String> members(String guildId) {
        for (Map<String, Map<String, byte[]>> shardMembers : members.values()) {
            Map<String, byte[]> guildMembers = shardMembers.get(guildId);
            if (guildMembers != null) {
                Map<String, String> copy = new HashMap<>();
                guildMembers.forEach((id, json) -> copy.put(id, text(json)));
                return copy;
            }
        }
        return Map.of();
    }

    @Override
    public Optional<String> user(String userId) {
        return Optional.ofNullable(users.get(userId)).map(MemoryEntityCache::text);
    }

    private static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }
}
