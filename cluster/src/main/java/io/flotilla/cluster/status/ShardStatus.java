package io.flotilla.cluster.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the node running a shard says about it in {@code g:cluster:<group>:shard-status} (field: the shard id), one
 * JSON object:
 *
 * <pre>{@code
 * {"node":"123","state":"READY","latency_ms":41,"seq":1870,"last_event_at":1767225611873,"updated_at":1767225612000}
 * }</pre>
 *
 * {@code state} is the gateway's {@code ShardState} name; {@code latency_ms} (the last heartbeat's round trip) is
 * absent before the first ACK; {@code seq} is the session's last received seq (-1: no session yet);
 * {@code last_event_at} is when the node last received a dispatch of the shard (0: none since it started it); times
 * are epoch milliseconds. Readers ignore fields they do not know. A value.
 *
 * @param nodeId the node that published it
 * @param state the shard's state name
 * @param latencyMs the gateway heartbeat latency, or null before the first ACK
 * @param seq the last seq received, -1 when none
 * @param lastEventAt epoch ms of the last dispatch received, 0 when none
 * @param updatedAt when the node published it
 */
public record ShardStatus(
        String nodeId, String state, @Nullable Long latencyMs, long seq, long lastEventAt, Instant updatedAt) {

    public ShardStatus {
        if (nodeId.isEmpty() || state.isEmpty()) {
            throw new IllegalArgumentException("a shard status needs a node id and a state");
        }
    }

    /** The JSON stored in the hash. */
    public String toJson(ObjectMapper json) {
        ObjectNode node = json.createObjectNode().put("node", nodeId).put("state", state);
        if (latencyMs != null) {
            node.put("latency_ms", latencyMs.longValue());
        }
        node.put("seq", seq).put("last_event_at", lastEventAt).put("updated_at", updatedAt.toEpochMilli());
        return node.toString();
    }

    /** The status a stored JSON describes, or empty when it is not one. */
    public static Optional<ShardStatus> fromJson(ObjectMapper json, String text) {
        try {
            JsonNode node = json.readTree(text);
            if (!node.path("node").isTextual() || !node.path("state").isTextual()) {
                return Optional.empty();
            }
            JsonNode latency = node.path("latency_ms");
            return Optional.of(new ShardStatus(
                    node.path("node").asText(),
                    node.path("state").asText(),
                    latency.isNumber() ? latency.asLong() : null,
                    node.path("seq").asLong(-1),
                    node.path("last_event_at").asLong(0),
                    Instant.ofEpochMilli(node.path("updated_at").asLong())));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
