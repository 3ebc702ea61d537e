package io.flotilla.protocol.json;

import org.jspecify.annotations.Nullable;

/**
 * Decodes a gateway payload's envelope by scanning its bytes ({@link JsonScan}): reads op, s and t, skips d by
 * its structure while noting its byte span, and ignores unknown keys (GATEWAY.md section 2). Keys may come in
 * any order, d before t included. No tree is built, d is neither tokenized nor copied: its field names never
 * reach a symbol table (a Jackson parser skipping d tokenized every name in it, a third of a node's CPU with the
 * cache off, issue 16).
 *
 * <p>Stateless apart from its {@link EventNames} cache (races only cost a duplicate String): one instance can
 * serve every connection.
 */
public final class EnvelopeDecoder {
    /** Event names seen often enough to be worth sharing rather than allocating per dispatch. */
    private final EventNames names = new EventNames();

    /** Decodes {@code length} bytes of {@code frame} from {@code offset}. */
    public Envelope decode(byte[] frame, int offset, int length) {
        int end = offset + length;
        int op = -1;
        long seq = Envelope.NO_SEQ;
        @Nullable String type = null;
        int dataOffset = -1;
        int dataLength = 0;
        int i = JsonScan.skipWhitespace(frame, offset, end);
        if (i >= end || frame[i] != '{') {
            throw new PayloadException("gateway payload is not a JSON object");
        }
        i = JsonScan.skipWhitespace(frame, i + 1, end);
        boolean first = true;
        while (true) {
            if (i >= end) {
                throw new PayloadException("gateway payload is not a complete JSON object");
            }
            if (frame[i] == '}') {
                break;
            }
            if (!first) {
                if (frame[i] != ',') {
                    throw new PayloadException("gateway payload is not valid JSON: expected ',' at byte " + i);
                }
                i = JsonScan.skipWhitespace(frame, i + 1, end);
            }
            first = false;
            if (i >= end || frame[i] != '"') {
                throw new PayloadException("gateway payload is not valid JSON: expected a key at byte " + i);
            }
            int keyStart = i + 1;
            i = JsonScan.skipString(frame, i, end);
            int keyLength = i - 1 - keyStart;
            i = JsonScan.skipWhitespace(frame, i, end);
            if (i >= end || frame[i] != ':') {
                throw new PayloadException("gateway payload is not valid JSON: expected ':' at byte " + i);
            }
            i = JsonScan.skipWhitespace(frame, i + 1, end);
            int valueStart = i;
            i = JsonScan.skipValue(frame, i, end);
            switch (key(frame, keyStart, keyLength)) {
                case 'o' -> op = (int) integer(frame, valueStart, i, "op", Integer.MAX_VALUE);
                case 's' -> seq = isNull(frame, valueStart, i) ? Envelope.NO_SEQ : sequence(frame, valueStart, i);
                case 't' -> type = isNull(frame, valueStart, i) ? null : name(frame, valueStart, i);
                case 'd' -> {
                    dataOffset = valueStart;
                    dataLength = i - valueStart;
                }
                default -> {
                    // an unknown key: skipped
                }
            }
            i = JsonScan.skipWhitespace(frame, i, end);
        }
        if (op < 0) {
            throw new PayloadException("gateway payload has no op");
        }
        return new Envelope(op, seq, type, frame, dataOffset, dataLength);
    }

    /** 'o' for "op", 's', 't' or 'd' for those one-letter keys, '?' for any other key. */
    private static char key(byte[] frame, int start, int length) {
        if (length == 2) {
            return frame[start] == 'o' && frame[start + 1] == 'p' ? 'o' : '?';
        }
        if (length == 1) {
            byte c = frame[start];
            return c == 's' || c == 't' || c == 'd' ? (char) c : '?';
        }
        return '?';
    }

    private String name(byte[] frame, int from, int to) {
        if (frame[from] != '"') {
            throw new PayloadException("gateway payload key 't' is not a string");
        }
        return names.of(frame, from + 1, to - 1);
    }

    private static boolean isNull(byte[] frame, int from, int to) {
        return to - from == 4 && frame[from] == 'n';
    }

    private static long sequence(byte[] frame, int from, int to) {
        if (frame[from] == '-') {
            throw new PayloadException("gateway payload has a negative sequence number: "
                    + new String(frame, from, to - from, java.nio.charset.StandardCharsets.US_ASCII));
        }
        return integer(frame, from, to, "s", Long.MAX_VALUE);
    }

    /** A JSON integer in {@code [from, to)} (a skipped value), at most {@code max}. */
    private static long integer(byte[] frame, int from, int to, String key, long max) {
        int i = from;
        boolean negative = i < to && frame[i] == '-';
        if (negative) {
            i++;
        }
        long value = 0;
        if (i == to) {
            throw notInteger(frame, from, to, key);
        }
        for (; i < to; i++) {
            int digit = frame[i] - '0';
            if (digit < 0 || digit > 9 || value > (max - digit) / 10) {
                throw notInteger(frame, from, to, key);
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    private static PayloadException notInteger(byte[] frame, int from, int to, String key) {
        return new PayloadException("gateway payload key '" + key + "' is not an integer: "
                + new String(frame, from, Math.min(to - from, 40), java.nio.charset.StandardCharsets.UTF_8));
    }
}
