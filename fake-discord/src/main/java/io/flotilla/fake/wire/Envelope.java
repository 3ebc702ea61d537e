package io.flotilla.fake.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * Renders server payloads (GATEWAY.md 2) by concatenating bytes: a dispatch's {@code d} is copied as it is,
 * never parsed again, so a dispatch costs one buffer and a memcpy. Stateless and thread-safe.
 */
public final class Envelope {

    private static final byte[] DISPATCH_OPEN = ascii("{\"op\":0,\"s\":");
    private static final byte[] TYPE_OPEN = ascii(",\"t\":\"");
    private static final byte[] DATA_OPEN = ascii("\",\"d\":");
    private static final byte[] HEARTBEAT_ACK = ascii("{\"op\":11,\"d\":null,\"s\":null,\"t\":null}");
    private static final byte[] HEARTBEAT_REQUEST = ascii("{\"op\":1,\"d\":null,\"s\":null,\"t\":null}");
    private static final byte[] RECONNECT = ascii("{\"op\":7,\"d\":null,\"s\":null,\"t\":null}");
    private static final byte[] INVALID_RESUMABLE = ascii("{\"op\":9,\"d\":true,\"s\":null,\"t\":null}");
    private static final byte[] INVALID_NOT_RESUMABLE = ascii("{\"op\":9,\"d\":false,\"s\":null,\"t\":null}");
    private static final int ENVELOPE_OVERHEAD = 48;

    /**
     * Bytes left free in front of every payload so an uncompressed writer can put the WebSocket frame header
     * there and send the buffer as it is (see {@link TextPayloadWriter}): no second copy per dispatch.
     */
    static final int HEADROOM = 10;

    private Envelope() {}

    /** {@code {"op":0,"s":seq,"t":"type","d":data}} in a new buffer from {@code alloc}. */
    public static ByteBuf dispatch(ByteBufAllocator alloc, long seq, String type, byte[] data) {
        ByteBuf out = withHeadroom(alloc, data.length + type.length() + ENVELOPE_OVERHEAD);
        out.writeBytes(DISPATCH_OPEN);
        writeDecimal(out, seq);
        out.writeBytes(TYPE_OPEN);
        out.writeCharSequence(type, StandardCharsets.US_ASCII);
        out.writeBytes(DATA_OPEN);
        out.writeBytes(data);
        out.writeByte('}');
        return out;
    }

    /** HELLO with the heartbeat interval in milliseconds (GATEWAY.md 5.1). */
    public static ByteBuf hello(ByteBufAllocator alloc, long heartbeatIntervalMillis) {
        ByteBuf out = withHeadroom(alloc, 64);
        out.writeBytes(ascii("{\"op\":10,\"d\":{\"heartbeat_interval\":"));
        writeDecimal(out, heartbeatIntervalMillis);
        out.writeBytes(ascii("},\"s\":null,\"t\":null}"));
        return out;
    }

    public static ByteBuf heartbeatAck(ByteBufAllocator alloc) {
        return fixed(alloc, HEARTBEAT_ACK);
    }

    /** op 1 from the server: "send a heartbeat now". */
    public static ByteBuf heartbeatRequest(ByteBufAllocator alloc) {
        return fixed(alloc, HEARTBEAT_REQUEST);
    }

    public static ByteBuf reconnect(ByteBufAllocator alloc) {
        return fixed(alloc, RECONNECT);
    }

    public static ByteBuf invalidSession(ByteBufAllocator alloc, boolean resumable) {
        return fixed(alloc, resumable ? INVALID_RESUMABLE : INVALID_NOT_RESUMABLE);
    }

    private static ByteBuf fixed(ByteBufAllocator alloc, byte[] bytes) {
        return withHeadroom(alloc, bytes.length).writeBytes(bytes);
    }

    private static ByteBuf withHeadroom(ByteBufAllocator alloc, int payloadBytes) {
        ByteBuf out = alloc.buffer(payloadBytes + HEADROOM);
        return out.writerIndex(HEADROOM).readerIndex(HEADROOM);
    }

    /** Writes a non-negative number in decimal without allocating. */
    static void writeDecimal(ByteBuf out, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("sequence numbers and intervals are never negative: " + value);
        }
        long divisor = 1;
        while (divisor <= value / 10) {
            divisor *= 10;
        }
        for (; divisor > 0; divisor /= 10) {
            out.writeByte((int) ('0' + (value / divisor) % 10));
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
