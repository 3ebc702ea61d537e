package io.flotilla.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.cluster.identify.SessionBudget;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;

/**
 * What Discord's {@code GET /gateway/bot} said: the gateway URL, the recommended shard count and the session
 * start limit (the daily identify budget and the identify concurrency). A value; {@link GatewayBotClient} fetches
 * it.
 *
 * @param url the gateway URL to connect to (without query)
 * @param shards Discord's recommended shard count
 * @param total session starts allowed per reset period
 * @param remaining session starts left now
 * @param resetAfterMillis when {@code remaining} resets, from the moment of the reply
 * @param maxConcurrency identify buckets ({@code shard_id % max_concurrency}), one identify each per 5 s
 */
public record GatewayBot(URI url, int shards, int total, int remaining, long resetAfterMillis, int maxConcurrency) {
    public GatewayBot {
        if (shards < 1 || maxConcurrency < 1 || total < 0 || remaining < 0 || resetAfterMillis < 0) {
            throw new IllegalArgumentException("implausible /gateway/bot reply: shards " + shards + ", max_concurrency "
                    + maxConcurrency + ", total " + total + ", remaining " + remaining);
        }
    }

    /** Parses the reply body; an {@link IOException} when it is not the documented object. */
    static GatewayBot parse(ObjectMapper json, byte[] body) throws IOException {
        JsonNode root = json.readTree(body);
        JsonNode limit = root.path("session_start_limit");
        if (!root.path("url").isTextual() || !root.path("shards").isInt() || !limit.isObject()) {
            throw new IOException("/gateway/bot replied without url, shards and session_start_limit");
        }
        try {
            return new GatewayBot(
                    URI.create(root.get("url").asText()),
                    root.get("shards").asInt(),
                    limit.path("total").asInt(),
                    limit.path("remaining").asInt(),
                    limit.path("reset_after").asLong(),
                    limit.path("max_concurrency").asInt(1));
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The session-start budget as seen at {@code now}, for the cluster's identify budget. */
    public SessionBudget budget(Instant now) {
        return SessionBudget.seenAt(total, remaining, resetAfterMillis, now);
    }
}
