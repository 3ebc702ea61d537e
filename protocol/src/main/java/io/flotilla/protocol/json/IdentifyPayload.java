package io.flotilla.protocol.json;

import io.flotilla.protocol.Intents;
import io.flotilla.protocol.ShardId;
import org.jspecify.annotations.Nullable;

/**
 * The contents of op 2 Identify (GATEWAY.md section 7). A value; its toString never shows the token.
 *
 * @param token the bare bot token
 * @param intents the intents bitfield
 * @param shard this connection's [id, total]
 * @param libraryName sent as properties.browser and properties.device
 * @param largeThreshold 50 to 250 (section 7)
 * @param presenceJson the initial presence object as JSON, or null for none
 */
public record IdentifyPayload(
        String token,
        Intents intents,
        ShardId shard,
        String libraryName,
        int largeThreshold,
        @Nullable String presenceJson) {
    public IdentifyPayload {
        if (largeThreshold < 50 || largeThreshold > 250) {
            throw new IllegalArgumentException("large_threshold must be in [50, 250], got " + largeThreshold);
        }
    }

    @Override
    public String toString() {
        return "IdentifyPayload[token=***, intents=" + intents.bits() + ", shard=" + shard + "]";
    }
}
