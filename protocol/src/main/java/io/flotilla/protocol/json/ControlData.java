package io.flotilla.protocol.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Reads the few fields of d a shard acts on: HELLO's heartbeat_interval and READY's session_id and
 * resume_gateway_url (GATEWAY.md sections 5.1 and 5.4). Streams over d's span and skips everything else, so a
 * READY with thousands of guilds costs one pass and no tree. Stateless; safe from any thread.
 */
public final class ControlData {
    private ControlData() {}

    /** HELLO's heartbeat_interval in milliseconds. */
    public static long heartbeatInterval(Envelope hello) {
        try (JsonParser parser = objectParser(hello)) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("heartbeat_interval".equals(key) && value.isNumeric()) {
                    long interval = parser.getLongValue();
                    if (interval <= 0) {
                        throw new PayloadException("HELLO heartbeat_interval must be positive, got " + interval);
                    }
                    return interval;
                }
                parser.skipChildren();
            }
        } catch (IOException e) {
            throw new PayloadException("HELLO data is not valid JSON: " + e.getMessage(), e);
        }
        throw new PayloadException("HELLO has no heartbeat_interval: " + hello.dataText());
    }

    /** READY's session_id and resume_gateway_url. */
    public static ReadyInfo ready(Envelope ready) {
        @Nullable String sessionId = null;
        @Nullable String resumeUrl = null;
        try (JsonParser parser = objectParser(ready)) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("session_id".equals(key) && value == JsonToken.VALUE_STRING) {
                    sessionId = parser.getText();
                } else if ("resume_gateway_url".equals(key) && value == JsonToken.VALUE_STRING) {
                    resumeUrl = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new PayloadException("READY data is not valid JSON: " + e.getMessage(), e);
        }
        if (sessionId == null || resumeUrl == null) {
            throw new PayloadException("READY lacks session_id or resume_gateway_url; cannot resume this session");
        }
        return new ReadyInfo(sessionId, resumeUrl);
    }

    private static JsonParser objectParser(Envelope envelope) throws IOException {
        if (!envelope.hasData()) {
            throw new PayloadException("op " + envelope.op() + " has no d");
        }
        JsonParser parser =
                PayloadWriter.JSON.createParser(envelope.frame(), envelope.dataOffset(), envelope.dataLength());
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            parser.close();
            throw new PayloadException("op " + envelope.op() + " d is not an object: " + envelope.dataText());
        }
        return parser;
    }
}
