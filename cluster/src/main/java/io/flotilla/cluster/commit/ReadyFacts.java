package io.flotilla.cluster.commit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code resume_gateway_url} from a READY's {@code d} (GATEWAY.md 5.4) with the streaming parser,
 * skipping the rest (READY can be large: it lists every guild of the shard).
 *
 * <p>Stateless; thread-safe.
 */
final class ReadyFacts {
    private static final Logger LOG = LoggerFactory.getLogger(ReadyFacts.class);
    private static final JsonFactory JSON = new JsonFactory();

    private ReadyFacts() {}

    /** The resume URL, or null when READY has none (it then cannot be resumed elsewhere). */
    static @Nullable String resumeUrl(byte[] readyData) {
        try (JsonParser parser = JSON.createParser(readyData)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("resume_gateway_url".equals(field) && value == JsonToken.VALUE_STRING) {
                    return parser.getText();
                }
                parser.skipChildren();
            }
        } catch (IOException e) {
            LOG.warn("READY's d is not valid JSON; no resume URL stored: {}", e.getMessage());
        }
        return null;
    }
}
