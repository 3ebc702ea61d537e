package io.flotilla.fake;

import com.fasterxml.jackson.databind.JsonNode;
import io.flotilla.fake.wire.CloseCode;

/**
 * A RESUME's {@code d} (GATEWAY.md 5.7), checked for shape only.
 *
 * @param token the token as sent (never logged)
 * @param sessionId the session to continue
 * @param seq the last seq the client received
 */
record ResumeRequest(String token, String sessionId, long seq) {

    static ResumeRequest parse(JsonNode d) throws ProtocolViolation {
        if (!d.isObject()) {
            throw new ProtocolViolation(CloseCode.UNKNOWN_OPCODE, "resume d must be an object");
        }
        JsonNode token = d.get("token");
        JsonNode sessionId = d.get("session_id");
        JsonNode seq = d.get("seq");
        if (token == null || !token.isTextual() || sessionId == null || !sessionId.isTextual()) {
            throw new ProtocolViolation(CloseCode.UNKNOWN_OPCODE, "resume needs string token and session_id");
        }
        if (seq == null || !seq.isIntegralNumber()) {
            throw new ProtocolViolation(CloseCode.INVALID_SEQ, "resume needs an integer seq");
        }
        return new ResumeRequest(token.asText(), sessionId.asText(), seq.asLong());
    }

    @Override
    public String toString() {
        return "ResumeRequest[sessionId=" + sessionId + ", seq=" + seq + "]";
    }
}
