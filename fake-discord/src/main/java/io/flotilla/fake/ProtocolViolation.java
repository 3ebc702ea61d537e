package io.flotilla.fake;

import io.flotilla.fake.wire.CloseCode;

/**
 * A client broke a gateway rule; the connection closes with {@link #closeCode()}. Used only inside the fake,
 * thrown by payload checks and caught by the connection that logs and closes.
 */
final class ProtocolViolation extends Exception {

    private static final long serialVersionUID = 1L;

    private final CloseCode closeCode;
    private final String reason;

    ProtocolViolation(CloseCode closeCode, String reason) {
        super(reason, null, false, false);
        this.closeCode = closeCode;
        this.reason = reason;
    }

    String reason() {
        return reason;
    }

    CloseCode closeCode() {
        return closeCode;
    }
}
