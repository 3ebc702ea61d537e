package io.flotilla.fake.wire;

/**
 * The close codes the fake sends (GATEWAY.md section 4), with the reason text it puts in the close frame.
 * The fake's choices must stay in step with GATEWAY.md sections 4 and 13.
 */
public enum CloseCode {
    /** Sent by fault injection and when a session is resumed on another connection. */
    UNKNOWN_ERROR(4000, "Unknown error"),
    /** Unknown opcode, or a {@code d} of the wrong shape for its opcode. */
    UNKNOWN_OPCODE(4001, "Unknown opcode or invalid payload"),
    /** A payload over the size limit, not JSON, or {@code encoding=etf} (the fake speaks JSON only). */
    DECODE_ERROR(4002, "Decode error"),
    /** A payload other than heartbeat, identify or resume before authentication. */
    NOT_AUTHENTICATED(4003, "Not authenticated"),
    /** A bad token, or any identify while the session start budget is exhausted. */
    AUTHENTICATION_FAILED(4004, "Authentication failed"),
    /** A second identify or resume on an authenticated connection. */
    ALREADY_AUTHENTICATED(4005, "Already authenticated"),
    /** A resume with a seq beyond what the session produced, or negative. */
    INVALID_SEQ(4007, "Invalid seq"),
    /** More frames than the send limit within its sliding window. */
    RATE_LIMITED(4008, "Rate limited"),
    /**
     * No heartbeat within the missed-heartbeat timeout. Real Discord's code for this is undocumented
     * (GATEWAY.md 5.2); the fake uses 4009 and keeps the session resumable. Also sent when a live connection
     * falls further behind than the session buffer holds; that session is then destroyed.
     */
    SESSION_TIMED_OUT(4009, "Session timed out"),
    /** A bad {@code shard} array in identify. */
    INVALID_SHARD(4010, "Invalid shard"),
    /** The shard would hold more guilds than the configured cap. */
    SHARDING_REQUIRED(4011, "Sharding required"),
    /** A {@code v} other than 9 or 10. */
    INVALID_API_VERSION(4012, "Invalid API version"),
    /** Intent bits outside the documented set. */
    INVALID_INTENTS(4013, "Invalid intent(s)"),
    /** A privileged intent the application was not granted. */
    DISALLOWED_INTENTS(4014, "Disallowed intent(s)");

    private final int code;
    private final String reason;

    CloseCode(int code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    /**
     * Whether a client that closes with this code keeps its session: every code but 1000 and 1001 does
     * (GATEWAY.md 4 and 5.8); JDA's 4900 and discord.js's 4200 are ordinary resumable closes.
     */
    public static boolean clientCloseKeepsSession(int code) {
        return code != 1000 && code != 1001;
    }
}
