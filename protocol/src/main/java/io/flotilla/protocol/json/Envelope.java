package io.flotilla.protocol.json;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * One decoded gateway payload (GATEWAY.md section 2): op, s and t, with d left as a span of the frame's bytes.
 *
 * <p>The frame array is usually a per-connection buffer that the next payload overwrites, so the span is valid
 * only until the owner decodes the next frame; copy it ({@link #dataBytes()}) to keep it.
 *
 * @param op the opcode number
 * @param seq the sequence number, or {@link #NO_SEQ} when s was missing or null
 * @param type the event name for dispatches, or null
 * @param frame the bytes the payload was decoded from
 * @param dataOffset where d starts in frame, or -1 when d was missing
 * @param dataLength the length of d in bytes (4 for a literal null), 0 when missing
 */
@SuppressWarnings("ArrayRecordComponent") // a view over a reused buffer, by design: copying d is what we avoid
public record Envelope(int op, long seq, @Nullable String type, byte[] frame, int dataOffset, int dataLength) {
    /** The value of {@link #seq()} when the payload had no sequence number. */
    public static final long NO_SEQ = -1;

    public boolean hasSeq() {
        return seq != NO_SEQ;
    }

    public boolean hasData() {
        return dataOffset >= 0;
    }

    /** A copy of d's bytes (empty when d was missing). */
    public byte[] dataBytes() {
        byte[] copy = new byte[dataLength];
        if (dataLength > 0) {
            System.arraycopy(frame, dataOffset, copy, 0, dataLength);
        }
        return copy;
    }

    /** d as text, for tests and logs. */
    public String dataText() {
        return hasData() ? new String(frame, dataOffset, dataLength, StandardCharsets.UTF_8) : "";
    }

    /** True if d is the literal {@code true} (op 9's "resumable" flag). */
    public boolean dataIsTrue() {
        return dataLength == 4
                && frame[dataOffset] == 't'
                && frame[dataOffset + 1] == 'r'
                && frame[dataOffset + 2] == 'u'
                && frame[dataOffset + 3] == 'e';
    }

    @Override
    public String toString() {
        return "Envelope[op=" + op + ", s=" + (hasSeq() ? Long.toString(seq) : "null") + ", t=" + type + ", d="
                + dataLength + " bytes]";
    }
}
