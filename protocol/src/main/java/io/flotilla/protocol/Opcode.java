package io.flotilla.protocol;

import org.jspecify.annotations.Nullable;

/**
 * Gateway opcodes in wire order (GATEWAY.md section 3). Immutable; safe from any thread.
 *
 * <p>{@link #fromCode(int)} returns null for a number Discord does not document, so a reader can ignore it
 * instead of failing (section 2: never fail on unknown fields).
 */
public enum Opcode {
    DISPATCH(0, Direction.RECEIVE),
    HEARTBEAT(1, Direction.BOTH),
    IDENTIFY(2, Direction.SEND),
    PRESENCE_UPDATE(3, Direction.SEND),
    VOICE_STATE_UPDATE(4, Direction.SEND),
    RESUME(6, Direction.SEND),
    RECONNECT(7, Direction.RECEIVE),
    REQUEST_GUILD_MEMBERS(8, Direction.SEND),
    INVALID_SESSION(9, Direction.RECEIVE),
    HELLO(10, Direction.RECEIVE),
    HEARTBEAT_ACK(11, Direction.RECEIVE),
    REQUEST_SOUNDBOARD_SOUNDS(31, Direction.SEND),
    REQUEST_CHANNEL_INFO(43, Direction.SEND);

    /** Who sends an opcode. */
    public enum Direction {
        SEND,
        RECEIVE,
        BOTH
    }

    private static final @Nullable Opcode[] BY_CODE = new Opcode[44];

    static {
        for (Opcode op : values()) {
            BY_CODE[op.code] = op;
        }
    }

    private final int code;
    private final Direction direction;

    Opcode(int code, Direction direction) {
        this.code = code;
        this.direction = direction;
    }

    /** The number on the wire. */
    public int code() {
        return code;
    }

    /** True if a client may send this opcode. */
    public boolean clientMaySend() {
        return direction != Direction.RECEIVE;
    }

    /** The opcode for a wire number, or null if it is not documented. */
    public static @Nullable Opcode fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
