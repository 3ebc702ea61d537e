package io.flotilla.protocol;

import org.jspecify.annotations.Nullable;

/**
 * WebSocket close codes a shard can see, each with the {@link Recovery} it calls for and a message naming the
 * cause and the fix (GATEWAY.md sections 4 and 5.6). Immutable; safe from any thread.
 *
 * <p>Codes not listed here are handled by {@link #recoveryFor(int)}: any unknown code resumes, because the docs
 * keep a session resumable after every close that is not 1000/1001 from the client.
 */
public enum CloseCode {
    /** 1000 from the server is undocumented; section 4 says reconnect and try to resume. */
    NORMAL(1000, Recovery.RESUME, "the server closed normally; reconnecting and resuming"),
    /** 1001 from the server is treated like 1000. */
    GOING_AWAY(1001, Recovery.RESUME, "the server is going away; reconnecting and resuming"),
    /** No close frame at all (TCP cut): section 4 says resume. */
    ABNORMAL(1006, Recovery.RESUME, "the connection dropped without a close frame; resuming"),
    UNKNOWN_ERROR(4000, Recovery.RESUME, "Discord reported an unknown error; resuming"),
    UNKNOWN_OPCODE(4001, Recovery.RESUME, "Discord rejected an opcode or its data; resuming (this is a client bug)"),
    DECODE_ERROR(4002, Recovery.RESUME, "Discord could not decode a payload (bad JSON or over 4096 bytes); resuming"),
    /** Section 4 marks this unsure: the session may already be dead, so start a new one. */
    NOT_AUTHENTICATED(4003, Recovery.IDENTIFY, "a payload was sent before identify; identifying again"),
    AUTHENTICATION_FAILED(
            4004,
            Recovery.STOP,
            Scope.APPLICATION,
            "the bot token was rejected; check BOT_TOKEN (it may have been reset)"),
    ALREADY_AUTHENTICATED(4005, Recovery.RESUME, "a second identify was sent on one connection; resuming"),
    INVALID_SEQ(4007, Recovery.IDENTIFY, "the resume carried an invalid sequence number; identifying again"),
    RATE_LIMITED(4008, Recovery.RESUME, "more than 120 payloads were sent in 60 s; resuming (slow down)"),
    SESSION_TIMED_OUT(4009, Recovery.IDENTIFY, "the session timed out; identifying again"),
    INVALID_SHARD(4010, Recovery.STOP, "the shard [id, total] is invalid; check the shard count against /gateway/bot"),
    SHARDING_REQUIRED(
            4011, Recovery.STOP, "this shard would hold too many guilds; raise the shard count (see /gateway/bot)"),
    INVALID_API_VERSION(4012, Recovery.STOP, "the gateway API version was rejected; connect with v=10"),
    INVALID_INTENTS(
            4013,
            Recovery.STOP,
            Scope.APPLICATION,
            "the intents bitfield has undefined bits; fix the configured intents"),
    DISALLOWED_INTENTS(
            4014,
            Recovery.STOP,
            Scope.APPLICATION,
            "a privileged intent is not enabled for this application; enable it in the Developer Portal or"
                    + " remove it from the configured intents");

    /** What a close concerns: one shard's connection, or the bot application as a whole (token, intents). */
    public enum Scope {
        /** Only this shard's connection or session; the other shards of the node are not affected. */
        SHARD,
        /**
         * The token or the application's settings: every shard would get the same answer, so a node stops all of
         * its shards at once instead of letting each one find out (and spend an identify) on its own.
         */
        APPLICATION
    }

    private final int code;
    private final Recovery recovery;
    private final Scope scope;
    private final String explanation;

    CloseCode(int code, Recovery recovery, String explanation) {
        this(code, recovery, Scope.SHARD, explanation);
    }

    CloseCode(int code, Recovery recovery, Scope scope, String explanation) {
        this.code = code;
        this.recovery = recovery;
        this.scope = scope;
        this.explanation = explanation;
    }

    public int code() {
        return code;
    }

    public Recovery recovery() {
        return recovery;
    }

    /** Whether this close concerns one shard or the whole application (then every shard of the node stops). */
    public Scope scope() {
        return scope;
    }

    /** The cause and what to do, for logs and for the error of a failed shard. */
    public String explanation() {
        return explanation;
    }

    /** The known close code for a number, or null. */
    public static @Nullable CloseCode fromCode(int code) {
        for (CloseCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        return null;
    }

    /**
     * The recovery for any close code the server sent, known or not. Unknown codes resume: only the codes the
     * docs mark "do not reconnect" stop, and only those that say the session is gone identify.
     */
    public static Recovery recoveryFor(int code) {
        CloseCode known = fromCode(code);
        return known == null ? Recovery.RESUME : known.recovery;
    }

    /** A human explanation for any code, known or not. */
    public static String explain(int code) {
        CloseCode known = fromCode(code);
        return known == null ? "the server closed with undocumented code " + code + "; resuming" : known.explanation;
    }
}
