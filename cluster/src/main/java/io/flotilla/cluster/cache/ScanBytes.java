package io.flotilla.cluster.cache;

import io.flotilla.protocol.json.JsonScan;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Byte tests shared by the cache's scans of a dispatch's {@code d} ({@link MessageScan}, {@link PresenceScan}):
 * where a field name ends unless it has an escape, whether it is a given name, whether a value is a plain ASCII id. A scan that meets anything these
 * do not accept gives up, and the event takes the parsing path.
 *
 * <p>Stateless.
 */
final class ScanBytes {
    private ScanBytes() {}

    /** The contents of a string token with no escape and only ASCII, else null (the parser decodes it). */
    static @Nullable String plainString(byte[] d, int from, int to) {
        if (d[from] != '"' || to - from < 2) {
            return null;
        }
        for (int k = from + 1; k < to - 1; k++) {
            if (d[k] == '\\' || d[k] < 0x20) { // negative: not ASCII
                return null;
            }
        }
        return new String(d, from + 1, to - from - 2, StandardCharsets.US_ASCII);
    }

    /**
     * The index after the field name that starts at {@code d[i]} (a quote), or -1 when it holds an escape (it may
     * then spell a name a scan looks for). One pass finds the end and the escape.
     */
    static int plainNameEnd(byte[] d, int i, int end) {
        return JsonScan.skipPlainString(d, i, end);
    }

    static boolean isNull(byte[] d, int at) {
        return d[at] == 'n';
    }

    /** Whether the string token {@code d[from, to)} is {@code name} (its length first, then its bytes as words). */
    static boolean is(byte[] d, int from, int to, Name name) {
        return to - from == name.length() && name.matchesAt(d, from, to);
    }

    /** {@code field} with its quotes, as {@link #is} compares it. */
    static Name name(String field) {
        return Name.of(field, ("\"" + field + "\"").getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * A quoted field name (4 to 16 bytes: {@code "id"} to a 14-letter name) as the two overlapping words that cover it: its first and
     * last 8 bytes, or 4 when it is shorter than 8. Two loads and compares instead of a byte-array comparison, which
     * the profile showed for every field of every message.
     */
    record Name(String text, int length, long head, long tail) {
        private static final VarHandle LONGS =
                MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
        private static final VarHandle INTS =
                MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

        static Name of(String text, byte[] quoted) {
            int n = quoted.length;
            if (n < 4 || n > 16) { // two words of 4 or of 8 bytes cover exactly these lengths
                throw new IllegalArgumentException("a scanned name has 4 to 16 bytes with its quotes, was " + n);
            }
            return n >= 8
                    ? new Name(text, n, (long) LONGS.get(quoted, 0), (long) LONGS.get(quoted, n - 8))
                    : new Name(text, n, (int) INTS.get(quoted, 0), (int) INTS.get(quoted, n - 4));
        }

        /** {@code d[from, to)} has this name's length; are they the same bytes? */
        boolean matchesAt(byte[] d, int from, int to) {
            if (length >= 8) {
                return (long) LONGS.get(d, from) == head && (long) LONGS.get(d, to - 8) == tail;
            }
            return (int) INTS.get(d, from) == (int) head && (int) INTS.get(d, to - 4) == (int) tail;
        }
    }
}
