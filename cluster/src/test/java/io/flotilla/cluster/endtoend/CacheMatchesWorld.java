package io.flotilla.cluster.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flotilla.fake.world.World;
import io.flotilla.worker.RedisCacheReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Asserts that the Redis cache equals the fake world's own state (the gold standard of {@code WorldCacheIT}) for
 * the guilds of some shards: every guild field, the member set and every member, and the users.
 *
 * <p>Users are global ({@code g:cache:user}) and Discord does not order events across shards, so a user who is a
 * member on two shards may legitimately keep the version the slower shard committed last. Such users, and the bot
 * (READY gives it fields only it sees), are compared only for existence; every other user exactly.
 */
public final class CacheMatchesWorld {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CacheMatchesWorld() {}

    /** Checks the guilds of {@code shardIds}; returns how many users were compared exactly. */
    public static int check(World world, RedisCacheReader reader, int shardTotal, int... shardIds) {
        Map<String, Set<Integer>> userShards = new HashMap<>();
        for (int shard = 0; shard < shardTotal; shard++) {
            for (String guildId : world.guildIds(shard, shardTotal)) {
                for (String userId : world.members(guildId).keySet()) {
                    userShards.computeIfAbsent(userId, id -> new HashSet<>()).add(shard);
                }
            }
        }
        Set<String> exactUsers = new HashSet<>();
        for (int shard : shardIds) {
            for (String guildId : world.guildIds(shard, shardTotal)) {
                checkGuild(world, reader, guildId);
                for (String userId : world.members(guildId).keySet()) {
                    assertThat(reader.user(userId)).as("cached user %s", userId).isPresent();
                    if (!userId.equals(world.botUserId())
                            && Objects.requireNonNull(userShards.get(userId)).size() == 1) {
                        exactUsers.add(userId);
                    }
                }
            }
        }
        for (String userId : exactUsers) {
            assertThat(parse(reader.user(userId).orElseThrow()))
                    .as("user %s", userId)
                    .isEqualTo(world.user(userId).orElseThrow());
        }
        return exactUsers.size();
    }

    /** Asserts one guild: every field of the world's guild, the member set, and each member with its user id. */
    public static void checkGuild(World world, RedisCacheReader reader, String guildId) {
        ObjectNode expected = world.guild(guildId).orElseThrow();
        ObjectNode cached = parse(reader.guild(guildId).orElseThrow());
        expected.fieldNames()
                .forEachRemaining(field -> assertThat(normalized(cached.get(field)))
                        .as("guild %s field %s", guildId, field)
                        .isEqualTo(normalized(expected.get(field))));
        Map<String, ObjectNode> members = world.members(guildId);
        Map<String, String> cachedMembers = reader.members(guildId);
        assertThat(cachedMembers.keySet()).as("members of %s", guildId).isEqualTo(members.keySet());
        members.forEach((userId, member) -> {
            member.put("user", userId); // the cache keeps the user apart and refers to it by id
            assertThat(parse(Objects.requireNonNull(cachedMembers.get(userId))))
                    .as("member %s of %s", userId, guildId)
                    .isEqualTo(member);
        });
    }

    /** Arrays of objects with ids compare as sets: a cache appends, the world keeps its own order. */
    private static JsonNode normalized(JsonNode node) {
        if (node instanceof ArrayNode array && !array.isEmpty() && array.get(0).has("id")) {
            List<JsonNode> elements = new ArrayList<>();
            array.forEach(elements::add);
            elements.sort(Comparator.comparing(element -> element.path("id").asText()));
            ArrayNode sorted = JSON.createArrayNode();
            elements.forEach(sorted::add);
            return sorted;
        }
        return node == null ? JSON.missingNode() : node;
    }

    /** Parses a cached JSON document. */
    public static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
