package io.flotilla.cluster.cache;

import static io.flotilla.cluster.cache.ScanBytes.is;
import static io.flotilla.cluster.cache.ScanBytes.isNull;
import static io.flotilla.cluster.cache.ScanBytes.name;
import static io.flotilla.cluster.cache.ScanBytes.plainNameEnd;
import static io.flotilla.cluster.cache.ScanBytes.plainString;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flotilla.protocol.json.JsonScan;
import io.flotilla.protocol.json.PayloadException;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Where a MESSAGE_CREATE's {@code d} keeps the fields its cache rule reads ({@code author}, {@code member},
 * {@code guild_id}, {@code webhook_id}), found by scanning its bytes ({@link JsonScan}) without parsing: enough to
 * fingerprint the author and member and to know whether {@link WrittenDocuments} says they are already stored.
 * Only the plain form is taken: an object with unescaped top-level names, ids as unescaped ASCII strings, author
 * and member as objects. Anything else gives null, and the message takes the parsing path, as before.
 *
 * @param webhook {@code webhook_id} is there and not null (the rule ignores the message)
 * @param guildId {@code guild_id}, or null when absent or null
 * @param authorId the author's {@code id}, or null when there is no author
 * @param authorHasMore the author has a field besides {@code id} (only then is it merged into the users)
 * @param authorFrom where the author object starts in {@code d} (-1 without an author)
 * @param memberFrom where the member object starts in {@code d} (-1 without a member)
 */
record MessageScan(
        boolean webhook,
        @Nullable String guildId,
        @Nullable String authorId,
        boolean authorHasMore,
        int authorFrom,
        int authorTo,
        int memberFrom,
        int memberTo) {

    private static final ScanBytes.Name AUTHOR = name("author");
    private static final ScanBytes.Name MEMBER = name("member");
    private static final ScanBytes.Name GUILD_ID = name("guild_id");
    private static final ScanBytes.Name WEBHOOK_ID = name("webhook_id");
    private static final ScanBytes.Name ID = name("id");

    /** The scan of {@code d}, or null when it is not in the plain form (or not JSON an object scan accepts). */
    static @Nullable MessageScan of(byte[] d) {
        try {
            return scan(d);
        } catch (PayloadException e) {
            return null;
        }
    }

    /**
     * The fields the rule reads ({@code guild_id}, {@code author}, {@code member}), parsed from where this scan found
     * them in {@code d}: its other bytes (content, embeds, mentions) are not read a second time. Null when the author
     * or member does not parse; the caller then takes the parsing path, which says why.
     */
    @Nullable
    ObjectNode selected(ObjectMapper json, byte[] d) {
        ObjectNode out = json.createObjectNode();
        if (guildId != null) {
            out.put("guild_id", guildId);
        }
        try {
            if (authorFrom >= 0) {
                out.set("author", json.readTree(d, authorFrom, authorTo - authorFrom));
            }
            if (memberFrom >= 0) {
                out.set("member", json.readTree(d, memberFrom, memberTo - memberFrom));
            }
        } catch (IOException e) {
            return null;
        }
        return out;
    }

    private static @Nullable MessageScan scan(byte[] d) {
        int end = d.length;
        int i = JsonScan.skipWhitespace(d, 0, end);
        if (i >= end || d[i] != '{') {
            return null;
        }
        boolean webhook = false;
        String guildId = null;
        Author author = null;
        int authorFrom = -1;
        int authorTo = -1;
        int memberFrom = -1;
        int memberTo = -1;
        i = JsonScan.skipWhitespace(d, i + 1, end);
        if (i < end && d[i] == '}') {
            return new MessageScan(false, null, null, false, -1, -1, -1, -1);
        }
        while (true) {
            if (i >= end || d[i] != '"') {
                return null;
            }
            int nameFrom = i;
            i = plainNameEnd(d, i, end);
            if (i < 0) {
                return null; // an escaped name may spell a field we read: let the parser decode it
            }
            int nameTo = i;
            i = JsonScan.skipWhitespace(d, i, end);
            if (i >= end || d[i] != ':') {
                return null;
            }
            int valueFrom = JsonScan.skipWhitespace(d, i + 1, end);
            int valueTo;
            if (is(d, nameFrom, nameTo, AUTHOR)) {
                if (d[valueFrom] != '{') {
                    return null;
                }
                author = new Author(); // a later author replaces it, as a parser keeps the last
                valueTo = author.walk(d, valueFrom, end); // its fields read while skipping it, not after
                if (valueTo < 0) {
                    return null;
                }
                authorFrom = valueFrom;
                authorTo = valueTo;
            } else {
                valueTo = JsonScan.skipValue(d, valueFrom, end);
                switch (nameTo - nameFrom) { // the quoted length first: most names are none of the three
                    case 8 -> {
                        if (is(d, nameFrom, nameTo, MEMBER)) {
                            if (d[valueFrom] != '{') {
                                return null;
                            }
                            memberFrom = valueFrom;
                            memberTo = valueTo;
                        }
                    }
                    case 10 -> {
                        if (is(d, nameFrom, nameTo, GUILD_ID)) {
                            guildId = isNull(d, valueFrom) ? null : plainString(d, valueFrom, valueTo);
                            if (guildId == null && !isNull(d, valueFrom)) {
                                return null;
                            }
                        }
                    }
                    case 12 -> {
                        if (is(d, nameFrom, nameTo, WEBHOOK_ID)) {
                            webhook = !isNull(d, valueFrom);
                        }
                    }
                    default -> {
                        // a field the rule does not read
                    }
                }
            }
            i = JsonScan.skipWhitespace(d, valueTo, end);
            if (i < end && d[i] == ',') {
                i = JsonScan.skipWhitespace(d, i + 1, end);
            } else if (i < end && d[i] == '}') {
                break;
            } else {
                return null;
            }
        }
        if (JsonScan.skipWhitespace(d, i + 1, end) != end) {
            return null;
        }
        if (author == null) {
            return new MessageScan(webhook, guildId, null, false, -1, -1, memberFrom, memberTo);
        }
        String authorId = author.id;
        if (authorId == null) {
            return null; // no id: the rule ignores it; let the parsing path say so
        }
        return new MessageScan(webhook, guildId, authorId, author.more, authorFrom, authorTo, memberFrom, memberTo);
    }

    /** The author object's {@code id} (the last one, as a parser keeps) and whether it has more fields. */
    private static final class Author {
        @Nullable
        String id;

        boolean more;

        /** Walks the object at {@code from}; the index after it, or -1 when it is not in the plain form. */
        int walk(byte[] d, int from, int end) {
            int i = JsonScan.skipWhitespace(d, from + 1, end);
            if (i < end && d[i] == '}') {
                return i + 1;
            }
            while (true) {
                if (i >= end || d[i] != '"') {
                    return -1;
                }
                int nameFrom = i;
                i = plainNameEnd(d, i, end);
                if (i < 0) {
                    return -1; // an escaped name may spell "id": let the parser decode it
                }
                int nameTo = i;
                i = JsonScan.skipWhitespace(d, i, end);
                if (i >= end || d[i] != ':') {
                    return -1;
                }
                int valueFrom = JsonScan.skipWhitespace(d, i + 1, end);
                int valueTo = JsonScan.skipValue(d, valueFrom, end);
                if (is(d, nameFrom, nameTo, ID)) {
                    id = plainString(d, valueFrom, valueTo);
                    if (id == null) {
                        return -1;
                    }
                } else {
                    more = true;
                }
                i = JsonScan.skipWhitespace(d, valueTo, end);
                if (i < end && d[i] == ',') {
                    i = JsonScan.skipWhitespace(d, i + 1, end);
                } else if (i < end && d[i] == '}') {
                    return i + 1;
                } else {
                    return -1;
                }
            }
        }
    }
}
