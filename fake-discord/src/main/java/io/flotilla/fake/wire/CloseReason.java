package io.flotilla.fake.wire;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The one rule for close-frame reasons (RFC 6455 5.5): a control frame carries at most 125 bytes, two of them the
 * status code, so a reason holds at most {@link #MAX_BYTES} bytes of UTF-8. A longer reason makes the frame
 * invalid and real clients report 1006 instead of the code, so every close the fake sends goes through
 * {@link #fit}. Stateless.
 */
public final class CloseReason {

    /** 125 bytes of control-frame payload minus the 2-byte status code. */
    public static final int MAX_BYTES = 123;

    private static final String ELLIPSIS = "...";

    private CloseReason() {}

    /**
     * The reason unchanged when it fits, else cut at a character boundary (never inside a UTF-8 sequence or a
     * surrogate pair) with "..." appended, at most {@link #MAX_BYTES} bytes in all.
     */
    public static String fit(String reason) {
        if (utf8Length(reason) <= MAX_BYTES) {
            return reason;
        }
        // The encoder stops before a character that does not fit whole, so the cut is always on a boundary.
        CharsetEncoder encoder = StandardCharsets.UTF_8
                .newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer in = CharBuffer.wrap(reason);
        encoder.encode(in, ByteBuffer.allocate(MAX_BYTES - ELLIPSIS.length()), true);
        return reason.substring(0, in.position()) + ELLIPSIS;
    }

    /** Bytes of the string in UTF-8 (an unpaired surrogate counts as the 1-byte '?' Java writes for it). */
    public static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
