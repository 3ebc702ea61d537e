package io.flotilla.node.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP response: status, content type and body. A value.
 *
 * @param status the status code
 * @param contentType the {@code Content-Type} header
 * @param body the bytes sent, not modified after handing them over
 */
@SuppressWarnings("ArrayRecordComponent") // the body is handed over once, never compared
public record HttpAnswer(int status, String contentType, byte[] body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static final String TEXT = "text/plain; charset=utf-8";
    public static final String JSON_TYPE = "application/json";

    public static HttpAnswer text(int status, String body) {
        return new HttpAnswer(status, TEXT, (body + "\n").getBytes(StandardCharsets.UTF_8));
    }

    public static HttpAnswer json(int status, ObjectNode body) {
        return new HttpAnswer(status, JSON_TYPE, (body + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON body {@code {"error": message}}: what went wrong and what to do. */
    public static HttpAnswer error(int status, String message) {
        return json(status, JSON.createObjectNode().put("error", message));
    }

    /** A new empty JSON object to fill in for {@link #json}. */
    public static ObjectNode object() {
        return JSON.createObjectNode();
    }
}
