package io.flotilla.cluster.cache;

import io.flotilla.protocol.json.PayloadException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A message's partial member merged into the stored member document by bytes, as {@link MemberRules} merges it as
 * trees: the stored fields in their order, each the message's value where the message has that field, then the
 * message's other fields, and {@code user} set to the author's id. Values are copied as they came, never parsed or
 * re-encoded (issue 16: parsing the stored member and the message's, copying and writing them back as trees was a
 * twentieth of a cache-on node's CPU).
 *
 * <p>Only the plain form is merged: objects with unescaped names ({@link ObjectFields}), none twice, and a message
 * member without {@code user} (Discord sends none, GATEWAY.md 11.8). Anything else gives null and the caller merges
 * trees, which also decide what an invalid document means.
 *
 * <p>Stateless.
 */
final class MemberBytes {
    private static final ScanBytes.Name USER = ScanBytes.name("user");
    private static final byte[] QUOTED_USER = "\"user\":".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_FIELDS = 64;

    private MemberBytes() {}

    /**
     * The merged member JSON, or null when either object is not in the plain form.
     *
     * @param stored the member document as stored (a whole document), or null when there is none
     * @param d the message's {@code d}, whose {@code [from, to)} is its member object
     * @param userId the author's id, a plain ASCII string ({@link ScanBytes#plainString})
     */
    static byte @Nullable [] merge(byte @Nullable [] stored, byte[] d, int from, int to, String userId) {
        try {
            Fields patch = Fields.of(d, new ObjectFields(d, from, to));
            if (patch == null || patch.indexOf(USER) >= 0) {
                return null;
            }
            Fields base = Fields.NONE;
            if (stored != null) {
                ObjectFields walk = ObjectFields.whole(stored);
                Fields fields = Fields.of(stored, walk);
                if (fields == null || !walk.onlyWhitespaceAfter()) {
                    return null;
                }
                base = fields;
            }
            return write(base, patch, userId);
        } catch (PayloadException e) {
            return null;
        }
    }

    /**
     * Writes the merge into an array of its exact size: one pass decides what goes out, a second copies it.
     * {@code base} is {@link Fields#NONE} when nothing is stored.
     */
    private static byte[] write(Fields base, Fields patch, String userId) {
        // replacement[k]: the patch field that replaces the stored field k, or -1.
        int[] replacement = new int[base.count];
        boolean[] taken = new boolean[patch.count];
        boolean userInBase = false;
        // Braces and "user":"<id>"; then each other field with its colon and one comma (n fields, n - 1 commas).
        int size = 2 + QUOTED_USER.length + userId.length() + 2;
        for (int k = 0; k < base.count; k++) {
            int replaced = patch.indexOf(base, k);
            replacement[k] = replaced;
            if (replaced >= 0) {
                taken[replaced] = true;
                size += base.nameLength(k) + 2 + patch.valueLength(replaced);
            } else if (base.nameIs(k, USER)) {
                userInBase = true; // its place, with the id counted above
            } else {
                size += base.nameLength(k) + 2 + base.valueLength(k);
            }
        }
        for (int k = 0; k < patch.count; k++) {
            if (!taken[k]) {
                size += patch.nameLength(k) + 2 + patch.valueLength(k);
            }
        }
        byte[] out = new byte[size];
        int at = 0;
        out[at++] = '{';
        for (int k = 0; k < base.count; k++) {
            at = comma(out, at);
            if (replacement[k] >= 0) {
                at = base.copyName(out, at, k);
                at = patch.copyValue(out, at, replacement[k]);
            } else if (base.nameIs(k, USER)) {
                at = user(out, at, userId);
            } else {
                at = base.copyName(out, at, k);
                at = base.copyValue(out, at, k);
            }
        }
        for (int k = 0; k < patch.count; k++) {
            if (!taken[k]) {
                at = comma(out, at);
                at = patch.copyName(out, at, k);
                at = patch.copyValue(out, at, k);
            }
        }
        if (!userInBase) {
            at = comma(out, at);
            at = user(out, at, userId);
        }
        out[at++] = '}';
        if (at != size) {
            throw new IllegalStateException("member merge wrote " + at + " bytes, sized " + size);
        }
        return out;
    }

    private static int comma(byte[] out, int at) {
        if (at > 1) {
            out[at++] = ',';
        }
        return at;
    }

    private static int user(byte[] out, int at, String userId) {
        System.arraycopy(QUOTED_USER, 0, out, at, QUOTED_USER.length);
        at += QUOTED_USER.length;
        out[at++] = '"';
        for (int k = 0; k < userId.length(); k++) {
            out[at++] = (byte) userId.charAt(k);
        }
        out[at++] = '"';
        return at;
    }

    /** Where an object's fields lie: quoted names and values, in order; null with a name twice or too many. */
    private static final class Fields {
        /** No object: nothing stored. */
        static final Fields NONE = new Fields(new byte[0]);

        final byte[] bytes;
        int[] spans = new int[16 * 4]; // nameFrom, nameTo, valueFrom, valueTo per field
        int count;

        private Fields(byte[] bytes) {
            this.bytes = bytes;
        }

        static @Nullable Fields of(byte[] bytes, ObjectFields walk) {
            Fields fields = new Fields(bytes);
            while (walk.next()) {
                if (fields.count == MAX_FIELDS || fields.indexOf(bytes, walk.nameFrom(), walk.nameTo()) >= 0) {
                    return null;
                }
                if (fields.count * 4 == fields.spans.length) {
                    fields.spans = java.util.Arrays.copyOf(fields.spans, fields.spans.length * 2);
                }
                int at = fields.count++ * 4;
                fields.spans[at] = walk.nameFrom();
                fields.spans[at + 1] = walk.nameTo();
                fields.spans[at + 2] = walk.valueFrom();
                fields.spans[at + 3] = walk.valueEnd();
            }
            return fields;
        }

        int indexOf(ScanBytes.Name name) {
            for (int k = 0; k < count; k++) {
                if (nameIs(k, name)) {
                    return k;
                }
            }
            return -1;
        }

        /** The field of this object named as {@code other}'s field {@code k}, or -1. */
        int indexOf(Fields other, int k) {
            return indexOf(other.bytes, other.spans[k * 4], other.spans[k * 4 + 1]);
        }

        private int indexOf(byte[] name, int nameFrom, int nameTo) {
            int length = nameTo - nameFrom;
            for (int k = 0; k < count; k++) {
                int from = spans[k * 4];
                if (spans[k * 4 + 1] - from == length
                        && java.util.Arrays.equals(bytes, from, from + length, name, nameFrom, nameTo)) {
                    return k;
                }
            }
            return -1;
        }

        boolean nameIs(int k, ScanBytes.Name name) {
            return ScanBytes.is(bytes, spans[k * 4], spans[k * 4 + 1], name);
        }

        int nameLength(int k) {
            return spans[k * 4 + 1] - spans[k * 4];
        }

        int valueLength(int k) {
            return spans[k * 4 + 3] - spans[k * 4 + 2];
        }

        /** Copies field {@code k}'s quoted name and a colon to {@code out[at]}; the index after them. */
        int copyName(byte[] out, int at, int k) {
            int length = nameLength(k);
            System.arraycopy(bytes, spans[k * 4], out, at, length);
            out[at + length] = ':';
            return at + length + 1;
        }

        int copyValue(byte[] out, int at, int k) {
            int length = valueLength(k);
            System.arraycopy(bytes, spans[k * 4 + 2], out, at, length);
            return at + length;
        }
    }
}
