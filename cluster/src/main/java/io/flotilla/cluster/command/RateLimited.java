package io.flotilla.cluster.command;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The {@code d} of a {@code RATE_LIMITED} dispatch (GATEWAY.md section 6): Discord did not serve a request and
 * says when to try again, e.g. {@code {"opcode":8,"retry_after":21.5,"meta":{"guild_id":"123","nonce":"abc"}}}.
 * A value; {@link #parse} reads it with the streaming parser (it may run on a shard's event loop).
 *
 * @param opcode the op that was refused (8 is the only documented one)
 * @param retryAfter how long to wait, rounded up to the millisecond
 * @param guildId {@code meta.guild_id} for op 8, or null
 * @param nonce {@code meta.nonce} for op 8, or null when the request had none
 */
public record RateLimited(
        int opcode,
        Duration retryAfter,
        @Nullable String guildId,
        @Nullable String nonce) {
    private static final JsonFactory JSON = new JsonFactory();

    /** Reads {@code d}; throws IllegalArgumentException naming the problem when it is not the documented shape. */
    public static RateLimited parse(byte[] frame, int offset, int length) {
        int opcode = -1;
        double retryAfter = Double.NaN;
        String guildId = null;
        String nonce = null;
        try (JsonParser parser = JSON.createParser(frame, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("RATE_LIMITED d is not an object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("opcode".equals(field) && value == JsonToken.VALUE_NUMBER_INT) {
                    opcode = parser.getIntValue();
                } else if ("retry_after".equals(field) && value != null && value.isNumeric()) {
                    retryAfter = parser.getDoubleValue();
                } else if ("meta".equals(field) && value == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String metaField = parser.currentName();
                        JsonToken metaValue = parser.nextToken();
                        if (metaValue == JsonToken.VALUE_STRING && "guild_id".equals(metaField)) {
                            guildId = parser.getText();
                        } else if (metaValue == JsonToken.VALUE_STRING && "nonce".equals(metaField)) {
                            nonce = parser.getText();
                        } else {
                            parser.skipChildren();
                        }
                    }
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("RATE_LIMITED d is not valid JSON: " + e.getMessage(), e);
        }
        if (opcode < 0 || !(retryAfter >= 0) || Double.isInfinite(retryAfter)) {
            throw new IllegalArgumentException(
                    "RATE_LIMITED d needs an integer opcode and a retry_after of at least 0");
        }
        return new RateLimited(opcode, Duration.ofMillis((long) Math.ceil(retryAfter * 1000)), guildId, nonce);
    }

    /** {@link #parse(byte[], int, int)} of text (tests, tools). */
    public static RateLimited parse(String d) {
        byte[] bytes = d.getBytes(StandardCharsets.UTF_8);
        return parse(bytes, 0, bytes.length);
    }
}
