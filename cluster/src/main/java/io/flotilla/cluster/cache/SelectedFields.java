package io.flotilla.cluster.cache;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The events whose cache rules read only a few top-level fields of {@code d}, and a parser that builds the tree
 * of those fields alone: the rest of {@code d} is skipped by Jackson's streaming parser, never turned into
 * nodes. MESSAGE_CREATE (more than half of a busy stream) reads {@code author}, {@code member}, {@code guild_id}
 * and {@code webhook_id}; its content, embeds, attachments and mentions were parsed into trees for nothing
 * (JFR, issue 16). Which fields each rule reads is {@link MemberRules}' and {@link CacheRules#plan}'s business:
 * a rule that starts reading another field must add it here.
 *
 * <p>Stateless; thread-safe.
 */
final class SelectedFields {
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "MESSAGE_CREATE", Set.of("author", "member", "guild_id", "webhook_id"),
            "PRESENCE_UPDATE", Set.of("user", "guild_id"));

    private SelectedFields() {}

    /** The fields the rules of this event read, or null when they may read any (the whole tree is parsed). */
    static @Nullable Set<String> of(String type) {
        return FIELDS.get(type);
    }

    /**
     * The top-level fields of {@code data} named in {@code fields}, as an object; null when {@code data} is not a
     * JSON object.
     */
    static @Nullable ObjectNode parse(ObjectMapper json, byte[] data, Set<String> fields) throws IOException {
        try (JsonParser parser = json.createParser(data)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            ObjectNode out = json.createObjectNode();
            String name;
            while ((name = parser.nextFieldName()) != null) {
                JsonToken value = parser.nextToken();
                if (fields.contains(name)) {
                    JsonNode node = parser.readValueAsTree();
                    out.set(name, node == null ? out.nullNode() : node);
                } else if (value.isStructStart()) {
                    parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT) {
                throw new IOException("d ends before its object does");
            }
            return out;
        }
    }
}
