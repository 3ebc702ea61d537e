package io.flotilla.fake.world;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Writes the world's JSON with Jackson's streaming generator straight to bytes, and parses it back into trees
 * for the snapshot methods. Snowflakes are always written as decimal strings (GATEWAY.md section 9).
 * Thread-safe: the factory and mapper are shared, every call uses its own generator.
 */
final class JsonOutput {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    /** Writes one JSON value. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private JsonOutput() {}

    /** Renders the body into a fresh byte array. */
    static byte[] render(Body body) {
        return render(new ByteArrayOutputStream(256), body);
    }

    /** Renders the body using (and resetting) the caller's buffer, so hot paths reuse one buffer. */
    static byte[] render(ByteArrayOutputStream buffer, Body body) {
        buffer.reset();
        try (JsonGenerator g = FACTORY.createGenerator(buffer, JsonEncoding.UTF8)) {
            body.write(g);
        } catch (IOException e) {
            // A ByteArrayOutputStream never fails; this only guards against a bug in a body.
            throw new UncheckedIOException("could not render world JSON", e);
        }
        return buffer.toByteArray();
    }

    static ObjectNode tree(byte[] json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "world JSON did not parse back: " + new String(json, StandardCharsets.UTF_8), e);
        }
    }

    static void snowflake(JsonGenerator g, String field, long id) throws IOException {
        g.writeStringField(field, Long.toUnsignedString(id));
    }

    /** Writes the id, or null when it is 0 (our "none"). */
    static void snowflakeOrNull(JsonGenerator g, String field, long id) throws IOException {
        if (id == 0) {
            g.writeNullField(field);
        } else {
            snowflake(g, field, id);
        }
    }

    static void stringOrNull(JsonGenerator g, String field, @Nullable String value) throws IOException {
        if (value == null) {
            g.writeNullField(field);
        } else {
            g.writeStringField(field, value);
        }
    }

    /** Writes an ISO timestamp, or null when {@code epochMs} is 0. */
    static void timeOrNull(JsonGenerator g, String field, long epochMs) throws IOException {
        if (epochMs == 0) {
            g.writeNullField(field);
        } else {
            g.writeStringField(field, IsoTime.of(epochMs));
        }
    }
}
