package io.flotilla.protocol.json;

/**
 * A payload that cannot be decoded or must not be sent: malformed JSON, a broken compressed stream, or a command
 * over the 4096-byte limit (GATEWAY.md section 2). Thrown to the connection that owns the payload.
 */
public final class PayloadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PayloadException(String message) {
        super(message);
    }

    public PayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
