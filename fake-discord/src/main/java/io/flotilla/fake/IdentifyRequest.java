package io.flotilla.fake;

import com.fasterxml.jackson.databind.JsonNode;
import io.flotilla.fake.wire.CloseCode;

/**
 * An IDENTIFY's {@code d} (GATEWAY.md 7), checked for shape only: values are judged by the connection.
 *
 * @param token the token as sent (never logged)
 * @param intents the intent bitfield
 * @param shard {@code [id, count]}, or {@code [0, 1]} when absent
 * @param largeThreshold 50 when absent
 */
record IdentifyRequest(String token, int intents, ShardKey shard, int largeThreshold) {

    static IdentifyRequest parse(JsonNode d) throws ProtocolViolation {
        if (!d.isObject()) {
            throw shape("identify d must be an object");
        }
        JsonNode token = d.get("token");
        JsonNode intents = d.get("intents");
        JsonNode properties = d.get("properties");
        if (token == null || !token.isTextual()) {
            throw shape("identify needs a string token");
        }
        if (intents == null || !intents.canConvertToInt() || !intents.isIntegralNumber()) {
            throw new ProtocolViolation(CloseCode.INVALID_INTENTS, "identify needs an integer intents bitfield");
        }
        if (properties == null || !properties.isObject()) {
            throw shape("identify needs a properties object");
        }
        ShardKey shard = new ShardKey(0, 1);
        JsonNode shardNode = d.get("shard");
        if (shardNode != null && !shardNode.isNull()) {
            if (!shardNode.isArray()
                    || shardNode.size() != 2
                    || !shardNode.get(0).canConvertToInt()
                    || !shardNode.get(1).canConvertToInt()) {
                throw new ProtocolViolation(CloseCode.INVALID_SHARD, "identify shard must be [shard_id, num_shards]");
            }
            shard = new ShardKey(shardNode.get(0).asInt(), shardNode.get(1).asInt());
        }
        int largeThreshold = 50;
        JsonNode threshold = d.get("large_threshold");
        if (threshold != null && !threshold.isNull()) {
            if (!threshold.canConvertToInt()) {
                throw shape("identify large_threshold must be an integer");
            }
            largeThreshold = threshold.asInt();
        }
        return new IdentifyRequest(token.asText(), intents.asInt(), shard, largeThreshold);
    }

    private static ProtocolViolation shape(String reason) {
        return new ProtocolViolation(CloseCode.UNKNOWN_OPCODE, reason);
    }

    @Override
    public String toString() {
        return "IdentifyRequest[intents=" + intents + ", shard=" + shard + ", largeThreshold=" + largeThreshold + "]";
    }
}
