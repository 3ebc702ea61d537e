package io.flotilla.fake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.flotilla.fake.world.World;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The JSON the fake builds itself (everything the world does not): READY, RESUMED, RATE_LIMITED and the REST
 * bodies. Field choices follow GATEWAY.md 5.4 and CLIENT-REQUIREMENTS 0 and 1. Stateless and thread-safe.
 */
final class Payloads {

    private static final JsonFactory JSON = new JsonFactory();

    private Payloads() {}

    /** READY's {@code d} (GATEWAY.md 5.4): everything JDA and discord.js need (CLIENT-REQUIREMENTS 0.6). */
    static byte[] ready(World world, String sessionId, String resumeUrl, ShardKey shard, List<String> guildIds) {
        return write(json -> {
            json.writeStartObject();
            json.writeNumberField("v", 10);
            json.writeFieldName("user");
            json.writeRawValue(new String(world.botUserJson(), StandardCharsets.UTF_8));
            json.writeArrayFieldStart("guilds");
            for (String id : guildIds) {
                json.writeStartObject();
                json.writeStringField("id", id);
                json.writeBooleanField("unavailable", true);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeStringField("session_id", sessionId);
            json.writeStringField("session_type", "normal");
            json.writeStringField("resume_gateway_url", resumeUrl);
            json.writeArrayFieldStart("shard");
            json.writeNumber(shard.id());
            json.writeNumber(shard.count());
            json.writeEndArray();
            json.writeObjectFieldStart("application");
            json.writeStringField("id", world.applicationId());
            json.writeNumberField("flags", 0);
            json.writeEndObject();
            json.writeArrayFieldStart("private_channels");
            json.writeEndArray();
            json.writeArrayFieldStart("guild_join_requests");
            json.writeEndArray();
            json.writeArrayFieldStart("relationships");
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /** RESUMED's {@code d}: undocumented content, clients ignore it (GATEWAY.md 5.7). */
    static byte[] resumed() {
        return "{\"_trace\":[\"fake-discord\"]}".getBytes(StandardCharsets.UTF_8);
    }

    /** RATE_LIMITED's {@code d} for an op 8 request (GATEWAY.md 6). */
    static byte[] rateLimited(double retryAfterSeconds, String guildId, @Nullable String nonce) {
        return write(json -> {
            json.writeStartObject();
            json.writeNumberField("opcode", 8);
            json.writeNumberField("retry_after", retryAfterSeconds);
            json.writeObjectFieldStart("meta");
            json.writeStringField("guild_id", guildId);
            if (nonce != null) {
                json.writeStringField("nonce", nonce);
            }
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    /** {@code GET /gateway/bot} (GATEWAY.md 1). */
    static byte[] gatewayBot(String url, int shards, IdentifyGate.Budget budget) {
        return write(json -> {
            json.writeStartObject();
            json.writeStringField("url", url);
            json.writeNumberField("shards", shards);
            json.writeObjectFieldStart("session_start_limit");
            json.writeNumberField("total", budget.total());
            json.writeNumberField("remaining", budget.remaining());
            json.writeNumberField("reset_after", budget.resetAfterMillis());
            json.writeNumberField("max_concurrency", budget.maxConcurrency());
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    /** {@code GET /gateway}. */
    static byte[] gateway(String url) {
        return write(json -> {
            json.writeStartObject();
            json.writeStringField("url", url);
            json.writeEndObject();
        });
    }

    /** A Discord-style REST error body. */
    static byte[] error(int code, String message) {
        return write(json -> {
            json.writeStartObject();
            json.writeStringField("message", message);
            json.writeNumberField("code", code);
            json.writeEndObject();
        });
    }

    /** Writes JSON through one generator; the body callback may throw IOException. */
    static byte[] write(JsonBody body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            body.writeTo(json);
        } catch (IOException e) {
            throw new UncheckedIOException("fake-discord could not write JSON to memory", e);
        }
        return out.toByteArray();
    }

    /** Writes one JSON document. */
    @FunctionalInterface
    interface JsonBody {
        void writeTo(JsonGenerator json) throws IOException;
    }
}
