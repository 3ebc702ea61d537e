package io.flotilla.gateway;

import io.flotilla.protocol.Intents;
import io.flotilla.protocol.ShardId;
import io.flotilla.protocol.compress.Compression;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * Everything one shard needs to connect. A value; its toString masks the token.
 *
 * @param token the bot token
 * @param shard [id, total]
 * @param intents the intents sent in identify
 * @param gatewayUrl the url from /gateway/bot, used for every new identify (GATEWAY.md section 14 item 2)
 * @param compression transport compression; zlib-stream by default
 * @param libraryName sent as properties.browser/device
 * @param largeThreshold 50 to 250
 * @param presenceJson the initial presence object, or null
 * @param timings backoff, send budget and timeouts
 */
public record ShardConfig(
        Token token,
        ShardId shard,
        Intents intents,
        URI gatewayUrl,
        Compression compression,
        String libraryName,
        int largeThreshold,
        @Nullable String presenceJson,
        ShardTimings timings) {
    public ShardConfig {
        String scheme = gatewayUrl.getScheme();
        if (!"ws".equals(scheme) && !"wss".equals(scheme)) {
            throw new IllegalArgumentException("gateway url must be ws:// or wss://, got " + gatewayUrl);
        }
    }

    /** zlib-stream, large_threshold 250, no presence, default timings. */
    public static ShardConfig of(Token token, ShardId shard, Intents intents, URI gatewayUrl) {
        return new ShardConfig(
                token,
                shard,
                intents,
                gatewayUrl,
                Compression.ZLIB_STREAM,
                "flotilla",
                250,
                null,
                ShardTimings.defaults());
    }

    public ShardConfig withCompression(Compression newCompression) {
        return new ShardConfig(
                token, shard, intents, gatewayUrl, newCompression, libraryName, largeThreshold, presenceJson, timings);
    }

    public ShardConfig withTimings(ShardTimings newTimings) {
        return new ShardConfig(
                token, shard, intents, gatewayUrl, compression, libraryName, largeThreshold, presenceJson, newTimings);
    }

    public ShardConfig withShard(ShardId newShard) {
        return new ShardConfig(
                token, newShard, intents, gatewayUrl, compression, libraryName, largeThreshold, presenceJson, timings);
    }

    public ShardConfig withToken(Token newToken) {
        return new ShardConfig(
                newToken, shard, intents, gatewayUrl, compression, libraryName, largeThreshold, presenceJson, timings);
    }
}
