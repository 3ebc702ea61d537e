package io.flotilla.protocol.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte-level JSON scanning for {@link EnvelopeDecoder} (and the cache's scan of a message's fields): whitespace, strings and whole values skipped by structure
 * (brackets matched, strings and their escapes followed, literals and numbers checked by their characters)
 * without tokenizing what is inside. A value inside {@code d} is not validated further than that: the envelope
 * only needs to know where {@code d} ends; whoever reads {@code d} parses it. Truncated or unbalanced input is
 * refused with a {@link PayloadException}.
 *
 * <p>Stateless.
 */
public final class JsonScan {
    /** Loaded only when the module is there: without it, VectorScan's classes cannot be resolved. */
    private static final boolean VECTORS =
            ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() && VectorScan.usable();

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private JsonScan() {}

    /** The first index from {@code i} that is not JSON whitespace (may be {@code end}). */
    public static int skipWhitespace(byte[] b, int i, int end) {
        while (i < end) {
            byte c = b[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return i;
            }
            i++;
        }
        return i;
    }

    /**
     * {@code b[i]} is an opening quote; returns the index after the closing one. Reads eight bytes at a time while
     * none is a quote or a backslash (strings are most of an event's bytes: message contents, names, ids).
     */
    public static int skipString(byte[] b, int i, int end) {
        return stringRest(b, i + 1, end);
    }

    /** The rest of a string from {@code b[i]}, after its opening quote: the index after its closing quote. */
    static int stringRest(byte[] b, int i, int end) {
        while (true) {
            while (i + 8 <= end) {
                long special = quoteOrBackslash((long) LONGS.get(b, i));
                if (special != 0) {
                    i += Long.numberOfTrailingZeros(special) >>> 3;
                    break;
                }
                i += 8;
            }
            if (i >= end) {
                throw truncated();
            }
            byte c = b[i];
            if (c == '"') {
                return i + 1;
            }
            i += c == '\\' ? 2 : 1;
        }
    }

    /**
     * As {@link #skipString}, for a string that must hold no escape (a field name a scan compares by its bytes):
     * the index after its closing quote, or -1 when a backslash comes first.
     */
    public static int skipPlainString(byte[] b, int i, int end) {
        i++;
        while (i + 8 <= end) {
            long special = quoteOrBackslash((long) LONGS.get(b, i));
            if (special != 0) {
                i += Long.numberOfTrailingZeros(special) >>> 3;
                return b[i] == '"' ? i + 1 : -1;
            }
            i += 8;
        }
        for (; i < end; i++) {
            if (b[i] == '"') {
                return i + 1;
            }
            if (b[i] == '\\') {
                return -1;
            }
        }
        throw truncated();
    }

    /**
     * The high bit of each byte of {@code word} that is a quote or a backslash (SWAR zero-byte test; only bytes after
     * the first such byte can be flagged falsely, and the caller takes the lowest, little-endian first).
     */
    private static long quoteOrBackslash(long word) {
        long quotes = word ^ 0x2222222222222222L;
        long slashes = word ^ 0x5C5C5C5C5C5C5C5CL;
        return (((quotes - ONES) & ~quotes) | ((slashes - ONES) & ~slashes)) & HIGHS;
    }

    /** Skips the value starting at {@code i} (not whitespace); returns the index after it. */
    public static int skipValue(byte[] b, int i, int end) {
        if (i >= end) {
            throw truncated();
        }
        return switch (b[i]) {
            case '"' -> skipString(b, i, end);
            case '{', '[' -> skipContainer(b, i, end);
            case 't' -> literal(b, i, end, TRUE);
            case 'f' -> literal(b, i, end, FALSE);
            case 'n' -> literal(b, i, end, NULL);
            default -> skipNumber(b, i, end);
        };
    }

    /** Skips a number: the JSON number characters, at least one digit. */
    public static int skipNumber(byte[] b, int i, int end) {
        int start = i;
        boolean digit = false;
        while (i < end) {
            byte c = b[i];
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '-' && c != '+' && c != '.' && c != 'e' && c != 'E') {
                break;
            }
            i++;
        }
        if (!digit) {
            throw new PayloadException("gateway payload is not valid JSON: unexpected character '"
                    + (start < end ? (char) b[start] : '?') + "' at byte " + start);
        }
        return i;
    }

    private static int literal(byte[] b, int i, int end, byte[] word) {
        int n = word.length;
        if (end - i < n) {
            throw truncated();
        }
        for (int k = 0; k < n; k++) {
            if (b[i + k] != word[k]) {
                throw new PayloadException("gateway payload is not valid JSON: bad literal at byte " + i);
            }
        }
        return i + n;
    }

    /**
     * Skips an object or array by matching brackets, strings followed so brackets in them do not count: with SIMD
     * ({@link VectorScan}) when the JVM has the incubating Vector API ({@code --add-modules jdk.incubator.vector},
     * which the node's launchers pass), else byte by byte.
     */
    private static int skipContainer(byte[] b, int i, int end) {
        return VECTORS ? VectorScan.skipContainer(b, i, end) : skipContainerBytewise(b, i, end);
    }

    /** {@link #skipContainer} without SIMD; the rules {@link VectorScan} must match (tests compare the two). */
    static int skipContainerBytewise(byte[] b, int i, int end) {
        int after = walkBrackets(b, i, end, end, new BracketStack());
        if (after < 0) {
            throw truncated();
        }
        return after;
    }

    /**
     * Walks {@code b} from {@code i} (outside any string), strings followed so brackets in them do not count, each
     * bracket pushed to or popped from {@code open}: the index after the bracket that empties {@code open}, or, when
     * the walk reaches a byte outside strings at {@code stop} or after, that index complemented ({@code ~i}, so
     * negative) to go on from. A string is followed to its end even past {@code stop}; a payload ending inside one
     * is truncated.
     */
    static int walkBrackets(byte[] b, int i, int stop, int end, BracketStack open) {
        while (i < stop) {
            byte c = b[i];
            switch (c) {
                case '"' -> {
                    i = skipString(b, i, end);
                    continue;
                }
                case '{', '[' -> open.push(c, i);
                case '}', ']' -> {
                    if (open.pop(c, i)) {
                        return i + 1;
                    }
                }
                default -> {
                    // any other byte inside a container: separators, numbers, literals, whitespace
                }
            }
            i++;
        }
        return ~i;
    }

    /** Whether {@link #skipContainer} uses {@link VectorScan} in this JVM. */
    public static boolean vectorized() {
        return VECTORS;
    }

    public static PayloadException truncated() {
        return new PayloadException("gateway payload is not valid JSON: it ends inside a value");
    }
}
