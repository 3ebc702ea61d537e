package io.flotilla.cluster.cache;

import io.flotilla.protocol.json.JsonScan;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
     * then spell a name a scan looks for). Names are short: one pass, byte by byte, finds the end and the escape.
     */
    static int plainNameEnd(byte[] d, int i, int end) {
        for (int k = i + 1; k < end; k++) {
            byte c = d[k];
            if (c == '"') {
                return k + 1;
            }
            if (c == '\\') {
                return -1;
            }
        }
        throw JsonScan.truncated();
    }

    static boolean isNull(byte[] d, int at) {
        return d[at] == 'n';
    }

    /** Whether the string token {@code d[from, to)} is {@code "name"} ({@code quoted} holds it with its quotes). */
    static boolean is(byte[] d, int from, int to, byte[] quoted) {
        return Arrays.equals(d, from, to, quoted, 0, quoted.length);
    }

    /** {@code field} with its quotes, as {@link #is} compares it. */
    static byte[] name(String field) {
        return ("\"" + field + "\"").getBytes(StandardCharsets.US_ASCII);
    }
}
