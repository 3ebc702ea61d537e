package io.flotilla.protocol.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Decodes a gateway payload's envelope with Jackson's streaming parser: reads op, s and t, skips d while noting
 * its byte span, and ignores unknown keys (GATEWAY.md section 2). Keys may come in any order, d before t
 * included. No tree is built and d is never copied.
 *
 * <p>Stateless apart from a shared thread-safe {@link JsonFactory}: one instance can serve every connection.
 */
public final class EnvelopeDecoder {
    private static final JsonFactory JSON = new JsonFactory();

    /** Event names seen often enough to be worth sharing rather than allocating per dispatch. */
    private final EventNames names = new EventNames();

    /** Decodes {@code length} bytes of {@code frame} from {@code offset}. */
    public Envelope decode(byte[] frame, int offset, int length) {
        int op = -1;
        long seq = Envelope.NO_SEQ;
        @Nullable String type = null;
        int dataOffset = -1;
        int dataLength = 0;
        try (JsonParser parser = JSON.createParser(frame, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new PayloadException("gateway payload is not a JSON object");
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (key) {
                    case "op" -> op = requireInt(parser, value, "op");
                    case "s" -> seq = value == JsonToken.VALUE_NULL ? Envelope.NO_SEQ : requireLong(parser, value);
                    case "t" -> type = value == JsonToken.VALUE_NULL ? null : names.of(parser);
                    case "d" -> {
                        int start = (int) parser.currentTokenLocation().getByteOffset();
                        if (value.isStructStart()) {
                            parser.skipChildren();
                        } else {
                            parser.finishToken();
                        }
                        int end = (int) parser.currentLocation().getByteOffset();
                        dataOffset = offset + start;
                        dataLength = end - start;
                    }
                    default -> parser.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT) {
                throw new PayloadException("gateway payload is not a complete JSON object");
            }
        } catch (IOException e) {
            throw new PayloadException("gateway payload is not valid JSON: " + e.getMessage(), e);
        }
        if (op < 0) {
            throw new PayloadException("gateway payload has no op");
        }
        return new Envelope(op, seq, type, frame, dataOffset, dataLength);
    }

    private static int requireInt(JsonParser parser, JsonToken value, String key) throws IOException {
        if (value != JsonToken.VALUE_NUMBER_INT) {
            throw new PayloadException("gateway payload key '" + key + "' is not an integer: " + value);
        }
        return parser.getIntValue();
    }

    private static long requireLong(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_NUMBER_INT) {
            throw new PayloadException("gateway payload key 's' is not an integer: " + value);
        }
        long seq = parser.getLongValue();
        if (seq < 0) {
            throw new PayloadException("gateway payload has a negative sequence number: " + seq);
        }
        return seq;
    }
}
