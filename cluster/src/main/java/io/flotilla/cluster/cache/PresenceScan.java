package io.flotilla.cluster.cache;

import static io.flotilla.cluster.cache.ScanBytes.name;

import io.flotilla.protocol.json.JsonScan;
import io.flotilla.protocol.json.PayloadException;

/**
 * Whether a PRESENCE_UPDATE changes nothing in the cache, told from its bytes: its rule merges the {@code user}
 * only when it has a field besides {@code id} (GATEWAY.md 11.7), and Discord sends a presence's user as its id
 * alone unless the user changed. Such a presence, most of them, is left out of the batch's plan without being
 * parsed, and it does not make the author's later messages in the batch take the full path ({@link KnownMessages}).
 * Only the plain form is judged: unescaped top-level names, {@code d} an object. Anything else gives false and the
 * presence is parsed and applied as before.
 *
 * <p>Stateless.
 */
final class PresenceScan {
    private static final ScanBytes.Name USER = name("user");

    private PresenceScan() {}

    /** True when {@code d}'s (last) {@code user} is an object of at most one field, or there is no user object. */
    static boolean changesNothing(byte[] d) {
        try {
            int user = userValue(d);
            return user == -1 || (user >= 0 && (d[user] != '{' || fieldsUpToOne(d, user)));
        } catch (PayloadException e) {
            return false;
        }
    }

    /** Where the last top-level {@code user} value starts; -1 when there is none, -2 when {@code d} is not plain. */
    private static int userValue(byte[] d) {
        int user = -1;
        ObjectFields fields = ObjectFields.whole(d);
        while (fields.next()) {
            if (fields.nameIs(USER)) {
                user = fields.valueFrom();
            }
        }
        return fields.onlyWhitespaceAfter() ? user : -2;
    }

    /** Whether the object at {@code from} has no field or one (its name, whatever it is, and one value). */
    private static boolean fieldsUpToOne(byte[] d, int from) {
        int end = d.length;
        int i = JsonScan.skipWhitespace(d, from + 1, end);
        if (i < end && d[i] == '}') {
            return true;
        }
        if (i >= end || d[i] != '"') {
            return false;
        }
        i = JsonScan.skipWhitespace(d, JsonScan.skipString(d, i, end), end);
        if (i >= end || d[i] != ':') {
            return false;
        }
        i = JsonScan.skipWhitespace(d, i + 1, end);
        i = JsonScan.skipWhitespace(d, JsonScan.skipValue(d, i, end), end);
        return i < end && d[i] == '}';
    }
}
