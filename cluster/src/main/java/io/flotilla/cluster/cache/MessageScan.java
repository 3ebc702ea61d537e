package io.flotilla.cluster.cache;

import static io.flotilla.cluster.cache.ScanBytes.isNull;
import static io.flotilla.cluster.cache.ScanBytes.name;
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
 * @param data the scanned {@code d}
 */
@SuppressWarnings("ArrayRecordComponent") // the dispatch's own bytes, never compared or copied
record MessageScan(
        boolean webhook,
        @Nullable String guildId,
        @Nullable String authorId,
        boolean authorHasMore,
        int authorFrom,
        int authorTo,
        int memberFrom,
        int memberTo,
        byte[] data) {

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
     * The fields the rule reads as trees ({@code guild_id}, {@code author}), parsed from where this scan found them
     * in {@code d}: its other bytes (content, embeds, mentions) are not read a second time. The member stays bytes
     * ({@link #hasMember}, merged by {@link MemberBytes}). Null when the author does not parse; the caller then takes
     * the parsing path, which says why.
     */
    @Nullable
    ObjectNode selected(ObjectMapper json) {
        ObjectNode out = json.createObjectNode();
        if (guildId != null) {
            out.put("guild_id", guildId);
        }
        try {
            if (authorFrom >= 0) {
                out.set("author", json.readTree(data, authorFrom, authorTo - authorFrom));
            }
        } catch (IOException e) {
            return null;
        }
        return out;
    }

    /** Whether the message has a member object (in {@code data[memberFrom, memberTo)}). */
    boolean hasMember() {
        return memberFrom >= 0;
    }

    private static @Nullable MessageScan scan(byte[] d) {
        boolean webhook = false;
        String guildId = null;
        Author author = null;
        int authorFrom = -1;
        int authorTo = -1;
        int memberFrom = -1;
        int memberTo = -1;
        ObjectFields fields = ObjectFields.whole(d);
        while (fields.next()) {
            int valueFrom = fields.valueFrom();
            if (fields.nameIs(AUTHOR)) {
                if (d[valueFrom] != '{') {
                    return null;
                }
                author = new Author(); // a later author replaces it, as a parser keeps the last
                authorFrom = valueFrom;
                authorTo = author.walk(d, valueFrom); // its fields read while skipping it, not after
                fields.valueEndsAt(authorTo);
                continue;
            }
            switch (fields.quotedNameLength()) { // the length first: most names are none of the three
                case 8 -> {
                    if (fields.nameIs(MEMBER)) {
                        if (d[valueFrom] != '{') {
                            return null;
                        }
                        memberFrom = valueFrom;
                        memberTo = fields.valueEnd();
                    }
                }
                case 10 -> {
                    if (fields.nameIs(GUILD_ID)) {
                        guildId = isNull(d, valueFrom) ? null : plainString(d, valueFrom, fields.valueEnd());
                        if (guildId == null && !isNull(d, valueFrom)) {
                            return null;
                        }
                    }
                }
                case 12 -> {
                    if (fields.nameIs(WEBHOOK_ID)) {
                        webhook = !isNull(d, valueFrom);
                    }
                }
                default -> {
                    // a field the rule does not read
                }
            }
        }
        if (!fields.onlyWhitespaceAfter()) {
            return null;
        }
        if (author == null) {
            return new MessageScan(webhook, guildId, null, false, -1, -1, memberFrom, memberTo, d);
        }
        String authorId = author.id;
        if (authorId == null) {
            return null; // no id: the rule ignores it; let the parsing path say so
        }
        return new MessageScan(webhook, guildId, authorId, author.more, authorFrom, authorTo, memberFrom, memberTo, d);
    }

    /** The author object's {@code id} (the last one, as a parser keeps) and whether it has more fields. */
    private static final class Author {
        @Nullable
        String id;

        boolean more;

        /** Walks the object at {@code from}; the index after it (a PayloadException when it is not plain). */
        int walk(byte[] d, int from) {
            ObjectFields fields = new ObjectFields(d, from, d.length);
            while (fields.next()) {
                if (fields.nameIs(ID)) {
                    id = plainString(d, fields.valueFrom(), fields.valueEnd());
                    if (id == null) {
                        throw new PayloadException("the author's id is not a plain string");
                    }
                } else {
                    more = true;
                }
            }
            return fields.closedAt();
        }
    }
}
