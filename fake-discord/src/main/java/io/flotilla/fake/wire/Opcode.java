package io.flotilla.fake.wire;

import java.util.Optional;

/**
 * Gateway opcodes (GATEWAY.md section 3), in wire-value order. Each constant says whether a client may send it;
 * the fake closes with {@link CloseCode#UNKNOWN_OPCODE} for anything else a client sends.
 */
public enum Opcode {
    /** Server to client: an event with {@code s} and {@code t}. */
    DISPATCH(0, false),
    /** Both ways: client keep-alive carrying the last seq; from the server, "heartbeat now". */
    HEARTBEAT(1, true),
    /** Client: start a new session. */
    IDENTIFY(2, true),
    /** Client: change the bot's presence. */
    PRESENCE_UPDATE(3, true),
    /** Client: join, move or leave a voice channel. */
    VOICE_STATE_UPDATE(4, true),
    /** Client: continue a session and replay what it missed. */
    RESUME(6, true),
    /** Server: reconnect and resume. */
    RECONNECT(7, false),
    /** Client: ask for guild members (answered with GUILD_MEMBERS_CHUNK). */
    REQUEST_GUILD_MEMBERS(8, true),
    /** Server: the session is gone or could not start; {@code d} says whether it is resumable. */
    INVALID_SESSION(9, false),
    /** Server: first frame on a connection, with the heartbeat interval. */
    HELLO(10, false),
    /** Server: acknowledges a client heartbeat. */
    HEARTBEAT_ACK(11, false),
    /** Client: ask for the soundboard sounds of guilds. */
    REQUEST_SOUNDBOARD_SOUNDS(31, true),
    /** Client: ask for ephemeral voice-channel data of a guild. */
    REQUEST_CHANNEL_INFO(43, true);

    private final int code;
    private final boolean clientMaySend;

    Opcode(int code, boolean clientMaySend) {
        this.code = code;
        this.clientMaySend = clientMaySend;
    }

    public int code() {
        return code;
    }

    /** Whether a client may send this opcode (GATEWAY.md section 3, direction column). */
    public boolean clientMaySend() {
        return clientMaySend;
    }

    /** Whether this is a gateway command a client sends on its session (not connection control: hello, heartbeat, identify, resume). */
    public boolean isCommand() {
        return clientMaySend && this != HEARTBEAT && this != IDENTIFY && this != RESUME;
    }

    /** Whether a client may send this before IDENTIFY or RESUME succeeded (GATEWAY.md section 13). */
    public boolean allowedBeforeAuthentication() {
        return this == HEARTBEAT || this == IDENTIFY || this == RESUME;
    }

    /** The opcode a client sent, or empty for an undocumented or server-only number. */
    public static Optional<Opcode> fromClient(int code) {
        for (Opcode op : values()) {
            if (op.code == code && op.clientMaySend) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }
}
