package io.flotilla.cluster.cache;

import static io.flotilla.cluster.cache.ScanBytes.plainString;

import io.flotilla.protocol.json.JsonScan;
import io.flotilla.protocol.json.PayloadException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Edits of a stored JSON array of objects kept as bytes (a guild's channels, roles, threads): replace or append the
 * element whose top-level field has a value, or remove those that have it, the other elements copied as they are,
 * never parsed (issue 16: a channel update parsed and rewrote every channel). An element matches as
 * {@link JsonFields#text} would match it: by the field's string value (a null or absent field matches nothing).
 * When anything is not in the plain form (an escaped name, a number or escaped string where the value is), the edit
 * gives up, null, and the caller parses the list and edits the tree, as before.
 *
 * <p>Stateless.
 */
final class RawList {
    private RawList() {}

    /** The array {@code b[from, to)} with its first element whose {@code field} is {@code value} replaced by, or else
     * appended, {@code item} (JSON bytes); null when the array is not in the plain form. */
    static byte @Nullable [] upsert(byte[] b, int from, int to, ScanBytes.Name field, String value, byte[] item) {
        List<int[]> elements = elements(b, from, to);
        if (elements == null) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from + item.length + 1);
        for (int[] element : elements) {
            Match match = match(b, element[0], element[1], field, value);
            if (match == Match.UNSURE) {
                return null;
            }
            if (match == Match.YES) {
                out.write(b, from, element[0] - from);
                out.write(item, 0, item.length);
                out.write(b, element[1], to - element[1]);
                return out.toByteArray();
            }
        }
        out.write('[');
        for (int[] element : elements) {
            out.write(b, element[0], element[1] - element[0]);
            out.write(',');
        }
        out.write(item, 0, item.length);
        out.write(']');
        return out.toByteArray();
    }

    /** The array {@code b[from, to)} without the elements whose {@code field} is {@code value}; null when not plain. */
    static byte @Nullable [] remove(byte[] b, int from, int to, ScanBytes.Name field, String value) {
        List<int[]> elements = elements(b, from, to);
        if (elements == null) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        out.write('[');
        boolean first = true;
        for (int[] element : elements) {
            Match match = match(b, element[0], element[1], field, value);
            if (match == Match.UNSURE) {
                return null;
            }
            if (match == Match.NO) {
                if (!first) {
                    out.write(',');
                }
                first = false;
                out.write(b, element[0], element[1] - element[0]);
            }
        }
        out.write(']');
        return out.toByteArray();
    }

    private enum Match {
        YES,
        NO,
        UNSURE
    }

    /** The spans of the array's elements; null when {@code b[from, to)} is not an array. */
    private static @Nullable List<int[]> elements(byte[] b, int from, int to) {
        if (b[from] != '[') {
            return null;
        }
        List<int[]> elements = new ArrayList<>();
        try {
            int i = JsonScan.skipWhitespace(b, from + 1, to);
            if (i < to && b[i] == ']') {
                return elements;
            }
            while (i < to) {
                int end = JsonScan.skipValue(b, i, to);
                elements.add(new int[] {i, end});
                i = JsonScan.skipWhitespace(b, end, to);
                if (i < to && b[i] == ']') {
                    return elements;
                }
                if (i >= to || b[i] != ',') {
                    return null;
                }
                i = JsonScan.skipWhitespace(b, i + 1, to);
            }
            return null;
        } catch (PayloadException e) {
            return null;
        }
    }

    /** Whether the element's (last) top-level {@code field} is the string {@code value}. */
    private static Match match(byte[] b, int from, int to, ScanBytes.Name field, String value) {
        if (b[from] != '{') {
            return Match.NO; // not an object: it has no field
        }
        Match match = Match.NO;
        try {
            ObjectFields fields = new ObjectFields(b, from, to);
            while (fields.next()) {
                if (!fields.nameIs(field)) {
                    continue;
                }
                int valueFrom = fields.valueFrom();
                if (b[valueFrom] == '"') {
                    String text = plainString(b, valueFrom, fields.valueEnd());
                    if (text == null) {
                        return Match.UNSURE;
                    }
                    match = text.equals(value) ? Match.YES : Match.NO;
                } else if (ScanBytes.isNull(b, valueFrom)) {
                    match = Match.NO;
                } else {
                    return Match.UNSURE; // a number, as text() would read it: let the tree decide
                }
            }
            return match;
        } catch (PayloadException e) {
            return Match.UNSURE;
        }
    }
}
