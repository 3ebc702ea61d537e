package io.flotilla.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.cluster.endtoend.StreamPages;
import io.flotilla.worker.EventFields;
import io.flotilla.worker.Keys;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * On which shards' streams each user appeared during the soak (any user object, {@code {id, username, ...}}, inside
 * any committed event's {@code d}). The user hash is global and Discord orders nothing across shards, so a user whose
 * events came on two shards may keep the version the slower shard committed last, even if the world has it on one
 * shard only by the end (it left the other shard's guild). The cache check compares exactly only users of one shard.
 *
 * <p>Static; reads the streams once, on the test thread.
 */
final class StreamUsers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamUsers() {}

    /** User id → the shards whose committed events carried that user. */
    static Map<String, Set<Integer>> read(RedisCommands<String, String> redis, Keys keys) {
        Map<String, Set<Integer>> shards = new HashMap<>();
        for (String name : SoakWorkers.EVENTS) {
            StreamPages.forEach(redis, keys.events(name), entry -> {
                String shard = entry.getBody().get(EventFields.SHARD);
                String data = entry.getBody().get(EventFields.DATA);
                if (shard != null && data != null) {
                    collect(parse(data), Integer.parseInt(shard), shards);
                }
            });
        }
        return shards;
    }

    private static void collect(JsonNode node, int shard, Map<String, Set<Integer>> shards) {
        if (node.isObject() && node.path("id").isTextual() && node.has("username")) {
            shards.computeIfAbsent(node.get("id").asText(), id -> new HashSet<>())
                    .add(shard);
        }
        if (node.isContainerNode()) {
            node.forEach(child -> collect(child, shard, shards));
        }
    }

    private static JsonNode parse(String data) {
        try {
            return JSON.readTree(data);
        } catch (IOException e) {
            throw new UncheckedIOException("a committed event's d is not JSON: " + data, e);
        }
    }
}
