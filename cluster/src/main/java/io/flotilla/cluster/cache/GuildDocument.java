package io.flotilla.cluster.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flotilla.protocol.json.PayloadException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cached guild document as one batch changes it, parsed only where a rule reads it. Loaded from Redis, its
 * top-level fields are indexed by where their values lie in the stored bytes; a field becomes a tree when a rule
 * reads it ({@link #get}, {@link #array}), and {@link #bytes} writes the untouched fields' bytes back as they were.
 * A member joining or leaving changes {@code member_count} alone, and a channel update the channel list alone;
 * before (issue 16), each parsed and serialized the whole document, roles, emojis and all, which for a large guild
 * is many kilobytes per event. Stored bytes that are not a plain JSON object (an escaped or non-ASCII top-level
 * name) are parsed whole, as before.
 *
 * <p>Owned by one committer lane for one batch; not thread-safe.
 */
final class GuildDocument {
    private static final Logger LOG = LoggerFactory.getLogger(GuildDocument.class);
    static final ScanBytes.Name ID = ScanBytes.name("id");
    static final ScanBytes.Name PARENT_ID = ScanBytes.name("parent_id");

    private final ObjectMapper json;
    private final byte[] stored;
    /** Field name → its tree, or the {@link Span} of its value's bytes; in the document's order. */
    private final Map<String, Object> fields;

    /** A value as JSON bytes: where it lies in the stored document, or a list edited as bytes ({@link RawList}). */
    @SuppressWarnings("ArrayRecordComponent") // a view of bytes never compared or copied
    private record Span(byte[] bytes, int from, int to) {}

    private GuildDocument(ObjectMapper json, byte[] stored, Map<String, Object> fields) {
        this.json = json;
        this.stored = stored;
        this.fields = fields;
    }

    /** A document built in this batch (GUILD_CREATE), every field a tree already. */
    static GuildDocument of(ObjectMapper json, ObjectNode tree) {
        Map<String, Object> fields = new LinkedHashMap<>();
        tree.properties().forEach(field -> fields.put(field.getKey(), field.getValue()));
        return new GuildDocument(json, new byte[0], fields);
    }

    /** The stored document, indexed; null when it is not a JSON object (the caller treats it as absent). */
    static @Nullable GuildDocument load(ObjectMapper json, byte[] stored) throws IOException {
        Map<String, Object> fields = index(stored);
        if (fields != null) {
            return new GuildDocument(json, stored, fields);
        }
        JsonNode tree = json.readTree(stored);
        return tree instanceof ObjectNode object ? of(json, object) : null;
    }

    /** The field's value (null when absent); parsed now if it was still bytes. */
    @Nullable
    JsonNode get(String name) {
        Object value = fields.get(name);
        if (!(value instanceof Span span)) {
            return (JsonNode) value;
        }
        try {
            JsonNode tree = json.readTree(span.bytes(), span.from(), span.to() - span.from());
            fields.put(name, tree);
            return tree;
        } catch (IOException e) {
            LOG.warn("cached guild field {} is not valid JSON; treating it as absent: {}", name, e.getMessage());
            fields.remove(name);
            return null;
        }
    }

    /** The array under {@code name}, created empty when missing or not an array. */
    ArrayNode array(String name) {
        if (get(name) instanceof ArrayNode array) {
            return array;
        }
        ArrayNode array = json.createArrayNode();
        fields.put(name, array);
        return array;
    }

    /**
     * Replaces the element of the list {@code name} that has {@code item}'s id, or appends {@code item}: as bytes when
     * the list is still the stored bytes (no other element is parsed), else in its tree.
     */
    void upsertById(String name, ObjectNode item) {
        String id = JsonFields.text(item, "id");
        if (id != null && fields.get(name) instanceof Span span) {
            byte[] edited = RawList.upsert(span.bytes(), span.from(), span.to(), ID, id, write(item));
            if (edited != null) {
                fields.put(name, new Span(edited, 0, edited.length));
                return;
            }
        }
        JsonFields.upsertById(array(name), item);
    }

    /** Removes the elements of the list {@code name} whose {@code field} is {@code value}; as bytes when it can. */
    void removeWhere(String name, ScanBytes.Name field, String value) {
        if (fields.get(name) instanceof Span span) {
            byte[] edited = RawList.remove(span.bytes(), span.from(), span.to(), field, value);
            if (edited != null) {
                fields.put(name, new Span(edited, 0, edited.length));
                return;
            }
        }
        JsonFields.removeIf(array(name), element -> value.equals(JsonFields.text(element, field.text())));
    }

    void set(String name, JsonNode value) {
        fields.put(name, value);
    }

    /** Sets every field of {@code update} (a guild object merged in: the fields it lacks stay). */
    void setAll(ObjectNode update) {
        update.properties().forEach(field -> fields.put(field.getKey(), field.getValue()));
    }

    /** The document as JSON: untouched fields copied from the stored bytes, the others serialized. */
    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(stored.length + 256);
        out.write('{');
        boolean first = true;
        try {
            for (Map.Entry<String, Object> field : fields.entrySet()) {
                if (!first) {
                    out.write(',');
                }
                first = false;
                writeName(out, field.getKey());
                out.write(':');
                if (field.getValue() instanceof Span span) {
                    out.write(span.bytes(), span.from(), span.to() - span.from());
                } else {
                    out.write(write((JsonNode) field.getValue()));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("a byte array stream failed", e); // it cannot
        }
        out.write('}');
        return out.toByteArray();
    }

    /**
     * The top-level fields of a plain object, by the spans of their values; null when it is not plain (or not valid:
     * then the parser, which the caller falls back on, says why).
     */
    private static @Nullable Map<String, Object> index(byte[] d) {
        Map<String, Object> fields = new LinkedHashMap<>();
        try {
            ObjectFields walk = ObjectFields.whole(d);
            while (walk.next()) {
                String name = ScanBytes.plainString(d, walk.nameFrom(), walk.nameTo());
                if (name == null) {
                    return null;
                }
                // A repeated name: the last value, as a parser keeps.
                fields.put(name, new Span(d, walk.valueFrom(), walk.valueEnd()));
            }
            return walk.onlyWhitespaceAfter() ? fields : null;
        } catch (PayloadException e) {
            return null;
        }
    }

    private byte[] write(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a guild document as JSON", e);
        }
    }

    /** A name as a JSON string: as it is when it needs no escape (every stored one), else by Jackson. */
    private void writeName(ByteArrayOutputStream out, String name) throws IOException {
        for (int k = 0; k < name.length(); k++) {
            char c = name.charAt(k);
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                out.write(json.writeValueAsBytes(name));
                return;
            }
        }
        out.write('"');
        out.write(name.getBytes(StandardCharsets.US_ASCII));
        out.write('"');
    }
}
