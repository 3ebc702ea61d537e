package io.flotilla.cluster.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Small, defensive accessors for Discord JSON (GATEWAY.md 11.7: no field is guaranteed, types are not
 * validated): text of a field or null, arrays of objects, and edits of an id-keyed array inside a document.
 *
 * <p>Stateless.
 */
final class JsonFields {
    private JsonFields() {}

    /** The field as text when it is a string or a number, else null. */
    static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && (value.isTextual() || value.isNumber()) ? value.asText() : null;
    }

    static @Nullable ObjectNode object(JsonNode node, String field) {
        return node.get(field) instanceof ObjectNode object ? object : null;
    }

    /** The array under {@code field} of the document, created empty when missing or not an array. */
    static ArrayNode array(ObjectNode document, String field) {
        if (document.get(field) instanceof ArrayNode array) {
            return array;
        }
        return document.putArray(field);
    }

    /** Replaces the element with the same {@code id}, or appends. */
    static void upsertById(ArrayNode array, ObjectNode item) {
        String id = text(item, "id");
        for (int i = 0; i < array.size(); i++) {
            if (id != null && id.equals(text(array.get(i), "id"))) {
                array.set(i, item);
                return;
            }
        }
        array.add(item);
    }

    static void removeById(ArrayNode array, String id) {
        removeIf(array, element -> id.equals(text(element, "id")));
    }

    static void removeIf(ArrayNode array, Predicate<JsonNode> condition) {
        for (int i = array.size() - 1; i >= 0; i--) {
            if (condition.test(array.get(i))) {
                array.remove(i);
            }
        }
    }

    /** The element with this id, or null. */
    static @Nullable ObjectNode findById(ArrayNode array, String id) {
        for (JsonNode element : array) {
            if (element instanceof ObjectNode object && id.equals(text(object, "id"))) {
                return object;
            }
        }
        return null;
    }

    /** Sets {@code guild_id} on every object of the array that lacks it (GATEWAY.md 14 item 10). */
    static void fillGuildId(JsonNode array, String guildId) {
        if (array instanceof ArrayNode elements) {
            for (JsonNode element : elements) {
                if (element instanceof ObjectNode object && !object.hasNonNull("guild_id")) {
                    object.put("guild_id", guildId);
                }
            }
        }
    }
}
