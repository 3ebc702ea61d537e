package io.flotilla.cluster.cache;

import io.flotilla.protocol.json.JsonScan;
import io.flotilla.protocol.json.PayloadException;

/**
 * One pass over the top-level fields of a JSON object in the plain form the cache's byte scans take (names without
 * escapes), for {@link MessageScan}, {@link PresenceScan}, {@link RawList} and {@link GuildDocument}: where each
 * name and value lie, the separators checked. Bytes not in that form end the walk with a {@link PayloadException},
 * which each scan turns into "take the parsing path". A cursor rather than a callback, so that a scan may walk a
 * value itself and say where it ended (a message's author).
 *
 * <p>One per walk, on the scanning thread.
 */
final class ObjectFields {
    private final byte[] d;
    private final int end;
    private int i; // where the next field, or the closing brace, is looked for
    private boolean started;
    private int closedAt = -1; // the index after the closing brace, once reached
    private int nameFrom;
    private int nameTo;
    private int valueFrom;
    private int valueTo = -1; // -1: the current value is not skipped yet

    /** The object that starts at {@code d[from]}; a PayloadException when there is none. */
    ObjectFields(byte[] d, int from, int end) {
        if (from >= end || d[from] != '{') {
            throw notPlain(from);
        }
        this.d = d;
        this.end = end;
        this.i = JsonScan.skipWhitespace(d, from + 1, end);
    }

    /** The object that all of {@code d} holds (after whitespace; {@link #onlyWhitespaceAfter} checks the rest). */
    static ObjectFields whole(byte[] d) {
        return new ObjectFields(d, JsonScan.skipWhitespace(d, 0, d.length), d.length);
    }

    /** Moves to the next field; false once the closing brace is passed. */
    boolean next() {
        if (closedAt >= 0) {
            return false;
        }
        if (started) {
            int at = JsonScan.skipWhitespace(d, valueEnd(), end);
            if (at < end && d[at] == '}') {
                closedAt = at + 1;
                return false;
            }
            if (at >= end || d[at] != ',') {
                throw notPlain(at);
            }
            i = JsonScan.skipWhitespace(d, at + 1, end);
        } else {
            started = true;
            if (i < end && d[i] == '}') {
                closedAt = i + 1;
                return false;
            }
        }
        if (i >= end || d[i] != '"') {
            throw notPlain(i);
        }
        nameFrom = i;
        nameTo = JsonScan.skipPlainString(d, i, end);
        if (nameTo < 0) {
            throw notPlain(i); // an escaped name may spell one a scan looks for: let the parser decode it
        }
        int colon = JsonScan.skipWhitespace(d, nameTo, end);
        if (colon >= end || d[colon] != ':') {
            throw notPlain(colon);
        }
        valueFrom = JsonScan.skipWhitespace(d, colon + 1, end);
        valueTo = -1;
        return true;
    }

    /** Whether the current field's name is {@code name}. */
    boolean nameIs(ScanBytes.Name name) {
        return ScanBytes.is(d, nameFrom, nameTo, name);
    }

    /** The current name's length with its quotes (a scan may switch on it before comparing). */
    int quotedNameLength() {
        return nameTo - nameFrom;
    }

    int nameFrom() {
        return nameFrom;
    }

    int nameTo() {
        return nameTo;
    }

    int valueFrom() {
        return valueFrom;
    }

    /** Where the current value ends (skipping it now unless the caller said where it ends). */
    int valueEnd() {
        if (valueTo < 0) {
            valueTo = JsonScan.skipValue(d, valueFrom, end);
        }
        return valueTo;
    }

    /** The caller walked the current value itself: it ends at {@code to}. */
    void valueEndsAt(int to) {
        valueTo = to;
    }

    /** The index after the closing brace; valid once {@link #next} said false. */
    int closedAt() {
        return closedAt;
    }

    /** Nothing but whitespace follows the closed object. */
    boolean onlyWhitespaceAfter() {
        return JsonScan.skipWhitespace(d, closedAt, end) == end;
    }

    private static PayloadException notPlain(int at) {
        return new PayloadException("not the plain form a cache scan takes, at byte " + at);
    }
}
