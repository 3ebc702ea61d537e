package io.flotilla.protocol.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes the control payloads a shard sends: Heartbeat, Identify and Resume (GATEWAY.md section 7). Stateless;
 * safe from any thread. Outbound commands are built by {@link GatewayCommand}.
 */
public final class PayloadWriter {
    static final JsonFactory JSON = new JsonFactory();

    private PayloadWriter() {}

    /** {@code {"op":1,"d":seq}}, with d null before the first dispatch (section 5.2). */
    public static byte[] heartbeat(long seq) {
        String d = seq == Envelope.NO_SEQ ? "null" : Long.toString(seq);
        return ("{\"op\":1,\"d\":" + d + "}").getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] identify(IdentifyPayload identify) {
        return write(json -> {
            json.writeNumberField("op", 2);
            json.writeObjectFieldStart("d");
            json.writeStringField("token", identify.token());
            json.writeNumberField("intents", identify.intents().bits());
            json.writeObjectFieldStart("properties");
            json.writeStringField("os", System.getProperty("os.name", "linux").toLowerCase(java.util.Locale.ROOT));
            json.writeStringField("browser", identify.libraryName());
            json.writeStringField("device", identify.libraryName());
            json.writeEndObject();
            json.writeArrayFieldStart("shard");
            json.writeNumber(identify.shard().id());
            json.writeNumber(identify.shard().total());
            json.writeEndArray();
            json.writeNumberField("large_threshold", identify.largeThreshold());
            json.writeBooleanField("compress", false);
            String presence = identify.presenceJson();
            if (presence != null) {
                json.writeFieldName("presence");
                json.writeRawValue(presence);
            }
            json.writeEndObject();
        });
    }

    /** {@code {"op":6,"d":{"token","session_id","seq"}}} (section 5.7). */
    public static byte[] resume(String token, String sessionId, long seq) {
        return write(json -> {
            json.writeNumberField("op", 6);
            json.writeObjectFieldStart("d");
            json.writeStringField("token", token);
            json.writeStringField("session_id", sessionId);
            json.writeNumberField("seq", seq);
            json.writeEndObject();
        });
    }

    /** Writes the fields of one payload object. */
    interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    static byte[] write(Body body) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(256)) {
            try (JsonGenerator json = JSON.createGenerator(out)) {
                json.writeStartObject();
                body.write(json);
                json.writeEndObject();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing a gateway payload to memory failed", e);
        }
    }
}
