package io.flotilla.cluster.membership;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a node says about itself in {@code g:cluster:<group>:node:<id>}, stored as one JSON object (a reader in
 * any language parses it with one call; a hash would need a second encoding for the shard list):
 *
 * <pre>{@code
 * {"id":"123","name":"node-a","http":"10.0.0.5:8080","capacity":1,"draining":false,
 *  "shards":[0,3,7],"started_at":1767225600000,"updated_at":1767225612000}
 * }</pre>
 *
 * {@code id} is a decimal snowflake, {@code http} may be empty, {@code capacity} is a positive weight,
 * {@code shards} are the shards it runs (ascending), times are epoch milliseconds. Readers ignore fields they do
 * not know, so fields may be added.
 */
public record NodeRecord(
        String id,
        String name,
        String httpAddress,
        int capacity,
        boolean draining,
        SortedSet<Integer> shards,
        Instant startedAt,
        Instant updatedAt) {

    public NodeRecord {
        if (id.isEmpty() || name.isEmpty()) {
            throw new IllegalArgumentException("a node record needs an id and a name");
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity is a weight of at least 1, was " + capacity);
        }
        shards = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(shards));
    }

    /** This record saying it runs {@code running}. */
    public NodeRecord withShards(SortedSet<Integer> running) {
        return new NodeRecord(id, name, httpAddress, capacity, draining, running, startedAt, updatedAt);
    }

    /** This record with the draining flag set to {@code now}. */
    public NodeRecord withDraining(boolean now) {
        return new NodeRecord(id, name, httpAddress, capacity, now, shards, startedAt, updatedAt);
    }

    /** This record as refreshed at {@code at}. */
    public NodeRecord updatedAt(Instant at) {
        return new NodeRecord(id, name, httpAddress, capacity, draining, shards, startedAt, at);
    }

    /** The JSON stored in Redis. */
    public String toJson(ObjectMapper json) {
        ObjectNode node = json.createObjectNode()
                .put("id", id)
                .put("name", name)
                .put("http", httpAddress)
                .put("capacity", capacity)
                .put("draining", draining);
        shards.forEach(node.putArray("shards")::add);
        node.put("started_at", startedAt.toEpochMilli()).put("updated_at", updatedAt.toEpochMilli());
        return node.toString();
    }

    /** The record a stored JSON describes, or empty when it is not a node record (logged by the caller). */
    public static Optional<NodeRecord> fromJson(ObjectMapper json, String text) {
        try {
            JsonNode node = json.readTree(text);
            if (!node.path("id").isTextual() || !node.path("name").isTextual()) {
                return Optional.empty();
            }
            SortedSet<Integer> shards = new TreeSet<>();
            node.path("shards").forEach(shard -> shards.add(shard.asInt()));
            return Optional.of(new NodeRecord(
                    node.path("id").asText(),
                    node.path("name").asText(),
                    node.path("http").asText(""),
                    Math.max(1, node.path("capacity").asInt(1)),
                    node.path("draining").asBoolean(false),
                    shards,
                    Instant.ofEpochMilli(node.path("started_at").asLong()),
                    Instant.ofEpochMilli(node.path("updated_at").asLong())));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
