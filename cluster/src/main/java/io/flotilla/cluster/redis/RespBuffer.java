package io.flotilla.cluster.redis;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Command arguments written as RESP bulk strings ({@code $<length>\r\n<bytes>\r\n}), so a large call (a commit
 * of hundreds of events) reaches Lettuce's event loop as a few runs of bytes to copy rather than an argument each:
 * per argument, Lettuce wrapped it in a ByteBuffer, wrote its length as text and copied it on its own, most of the
 * 29 % of a cache-off node's CPU its event loops took (issue 16). Framing, numbers (as decimal digits, without a String) and short
 * values go into one growing array; a value of {@value #SPLICE_FROM} bytes or more (an event's d) is not copied
 * but spliced in when the buffer is written ({@link #writeTo}), so the lane neither allocates nor copies it twice.
 *
 * <p>Not thread-safe: filled by one thread, then handed to {@link EncodedArgs}, after which neither it nor a
 * spliced array may change.
 */
public final class RespBuffer {
    /** Values this long are referenced rather than copied; shorter ones cost less to copy than a write of their own. */
    static final int SPLICE_FROM = 128;

    private static final byte[] CRLF = {'\r', '\n'};
    /** "00" to "99", two bytes each. */
    private static final byte[] PAIRS = pairs();

    private static final byte[][] NO_SPLICES = new byte[0][];
    private static final int[] NO_POSITIONS = new int[0];

    private byte[] bytes;
    private int size;
    private int count;
    /** The spliced values, and where in {@link #bytes} each goes (before the byte at that index). */
    private byte[][] spliced = NO_SPLICES;

    private int[] splicedAt = NO_POSITIONS;
    private int splices;
    private int splicedBytes;

    /** A buffer that expects about {@code capacity} bytes of framing and short values (it grows when more come). */
    public RespBuffer(int capacity) {
        bytes = new byte[Math.max(capacity, 64)];
    }

    /** Appends one argument; a long one is spliced in, not copied, and must not change afterwards. */
    public RespBuffer bulk(byte[] value) {
        if (value.length < SPLICE_FROM) {
            return bulk(value, 0, value.length);
        }
        ensure(32);
        bytes[size++] = '$';
        digits(value.length);
        crlf();
        splice(value);
        crlf();
        count++;
        return this;
    }

    /** Appends a copy of {@code length} bytes of {@code value} from {@code offset} as one argument. */
    public RespBuffer bulk(byte[] value, int offset, int length) {
        ensure(length + 16);
        bytes[size++] = '$';
        digits(length);
        crlf();
        System.arraycopy(value, offset, bytes, size, length);
        size += length;
        crlf();
        count++;
        return this;
    }

    /** Appends a number as its decimal text, one argument (what {@code Long.toString(value)} would send). */
    public RespBuffer bulk(long value) {
        ensure(48);
        int length = textLength(value);
        bytes[size++] = '$';
        digits(length);
        crlf();
        if (value >= 0) {
            digits(value, length);
        } else {
            digits(value);
        }
        crlf();
        count++;
        return this;
    }

    /** Appends a string as its UTF-8 bytes, one argument. */
    public RespBuffer bulk(String value) {
        return bulk(value.getBytes(StandardCharsets.UTF_8));
    }

    /** How many arguments it holds. */
    public int count() {
        return count;
    }

    /** How many bytes it writes. */
    public int size() {
        return size + splicedBytes;
    }

    /** Writes the arguments' bytes, the spliced values in their places. */
    void writeTo(ByteBuf out) {
        int from = 0;
        for (int k = 0; k < splices; k++) {
            out.writeBytes(bytes, from, splicedAt[k] - from);
            out.writeBytes(spliced[k]);
            from = splicedAt[k];
        }
        out.writeBytes(bytes, from, size - from);
    }

    private void splice(byte[] value) {
        if (splices == spliced.length) {
            int grown = Math.max(16, splices * 2);
            spliced = Arrays.copyOf(spliced, grown);
            splicedAt = Arrays.copyOf(splicedAt, grown);
        }
        spliced[splices] = value;
        splicedAt[splices++] = size;
        splicedBytes += value.length;
    }

    private void crlf() {
        bytes[size++] = CRLF[0];
        bytes[size++] = CRLF[1];
    }

    /** Writes {@code value}'s decimal digits (room was ensured). */
    private void digits(long value) {
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                byte[] text = Long.toString(value).getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(text, 0, bytes, size, text.length);
                size += text.length;
                return;
            }
            bytes[size++] = '-';
            value = -value;
        }
        digits(value, textLength(value));
    }

    /**
     * Writes {@code value} (not negative) as its {@code length} decimal digits, two at a time from a table: a
     * commit writes four numbers per event (a received-at time has 13 digits), and one division per digit was 4 %
     * of a node's CPU with the cache off.
     */
    private void digits(long value, int length) {
        int at = size + length;
        while (value >= 100) {
            int pair = (int) (value % 100) * 2;
            value /= 100;
            bytes[--at] = PAIRS[pair + 1];
            bytes[--at] = PAIRS[pair];
        }
        if (value >= 10) {
            bytes[--at] = PAIRS[(int) value * 2 + 1];
            bytes[--at] = PAIRS[(int) value * 2];
        } else {
            bytes[--at] = (byte) ('0' + value);
        }
        size += length;
    }

    /** The length of {@code value} as decimal text, its sign included. */
    static int textLength(long value) {
        if (value < 0) {
            return value == Long.MIN_VALUE ? 20 : 1 + textLength(-value);
        }
        int length = 1;
        for (long bound = 10; length < 19 && value >= bound; bound *= 10) {
            length++;
        }
        return length;
    }

    private static byte[] pairs() {
        byte[] pairs = new byte[200];
        for (int i = 0; i < 100; i++) {
            pairs[2 * i] = (byte) ('0' + i / 10);
            pairs[2 * i + 1] = (byte) ('0' + i % 10);
        }
        return pairs;
    }

    private void ensure(int more) {
        if (bytes.length - size < more) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
