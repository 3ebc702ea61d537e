package io.flotilla.cluster.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@link CacheDocuments} turns cached bytes into documents and back: a damaged document is logged and treated
 * as absent (and so rewritten), never a reason to stop the shard.
 *
 * <p>Stateless apart from its mapper (thread-safe).
 */
final class CacheJson {
    private static final Logger LOG = LoggerFactory.getLogger(CacheJson.class);

    private final ObjectMapper json;

    CacheJson(ObjectMapper json) {
        this.json = json;
    }

    /** The object at {@code bytes[from, to)}, or null (logged) when it is not one. */
    @Nullable
    ObjectNode object(byte[] bytes, int from, int to, String what) {
        try {
            JsonNode node = json.readTree(bytes, from, to - from);
            if (node instanceof ObjectNode object) {
                return object;
            }
            LOG.warn("cached {} is not a JSON object ({}); treating it as absent", what, node.getNodeType());
        } catch (IOException e) {
            LOG.warn("cached {} is not valid JSON; treating it as absent: {}", what, e.getMessage());
        }
        return null;
    }

    /** As {@link #object}, for a guild: indexed, not parsed ({@link GuildDocument}). */
    @Nullable
    GuildDocument guild(byte[] document, String what) {
        try {
            GuildDocument guild = GuildDocument.load(json, document);
            if (guild == null) {
                LOG.warn("cached {} is not a JSON object; treating it as absent", what);
            }
            return guild;
        } catch (IOException e) {
            LOG.warn("cached {} is not valid JSON; treating it as absent: {}", what, e.getMessage());
            return null;
        }
    }

    byte[] bytes(ObjectNode document) {
        try {
            return json.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write a cache document as JSON", e);
        }
    }

    ObjectMapper mapper() {
        return json;
    }
}
