package io.flotilla.cluster.cache;

import static io.flotilla.cluster.cache.JsonFields.object;
import static io.flotilla.cluster.cache.JsonFields.text;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Decides, while a batch is planned, which MESSAGE_CREATEs change nothing in the cache: those whose author and
 * member carry exactly what was last merged into that user and member. What was last merged is what an earlier
 * message of the same batch merged when one did (merging the same bytes again gives the same document), else what
 * {@link WrittenDocuments} remembers from earlier batches; any other event of the batch that touches the member or
 * user makes it unknown. Such a message is left out of the plan: no member read, no parse, no write, no user
 * merge. The others are fingerprinted so that what they write is remembered ({@link Prints}).
 *
 * <p>Before, any earlier change in the batch made the member and user unknown, a message's own included: in the
 * benchmark's stream a quarter of the messages took the full path, three in five of them only because their
 * author had written earlier in the same batch (issue 16).
 *
 * <p>One per planned batch, on its lane thread.
 */
final class KnownMessages {
    /**
     * The fingerprints of a message's author and member (0: that part is not merged), and the scan that found them,
     * from which the plan parses the message's fields without reading the rest of it again.
     */
    record Prints(long user, long member, @Nullable MessageScan scan) {}

    /** The message changes nothing: leave it out. */
    static final Prints SKIP = new Prints(0, 0, null);

    /** A part an event of this batch changed otherwise than by merging a message's bytes. */
    private static final long CHANGED = 0;

    private final WrittenDocuments written;
    /** The users and members this batch changed so far, each with the fingerprint it merged last or CHANGED. */
    private final Map<String, Long> users = new HashMap<>();

    private final Map<MemberKey, Long> members = new HashMap<>();
    private boolean unsure;

    KnownMessages(WrittenDocuments written) {
        this.written = written;
    }

    /**
     * {@link #SKIP}, the message's prints (it must be applied), or null (applied, remembered by no fingerprint:
     * its {@code d} is not in the plain form {@link MessageScan} takes, or an earlier event made the batch unsure).
     */
    @Nullable
    Prints decide(byte[] d) {
        MessageScan scan = unsure ? null : MessageScan.of(d);
        if (scan == null) {
            return null;
        }
        String authorId = scan.authorId();
        if (scan.webhook() || authorId == null) {
            return SKIP; // the rule ignores it
        }
        // Each key is hashed once: it places the slot and starts the fingerprint.
        boolean userKnown = true;
        long user = 0;
        if (scan.authorHasMore()) {
            long userKey = written.userKey(authorId);
            user = written.fingerprint(userKey, d, scan.authorFrom(), scan.authorTo());
            Long inBatch = users.get(authorId);
            userKnown = inBatch == null ? written.known(userKey, user) : inBatch == user;
        }
        boolean memberKnown = true;
        long member = 0;
        String guildId = scan.guildId();
        if (guildId != null && scan.memberFrom() >= 0) {
            long memberKey = written.memberKey(guildId, authorId);
            member = written.fingerprint(memberKey, d, scan.memberFrom(), scan.memberTo());
            Long inBatch = members.get(new MemberKey(guildId, authorId));
            memberKnown = inBatch == null ? written.known(memberKey, member) : inBatch == member;
        }
        return userKnown && memberKnown ? SKIP : new Prints(user, member, scan);
    }

    /**
     * An event the batch applies ({@code prints}: what {@link #decide} said of a message, else null): a message
     * decided on leaves its fingerprints as what its user and member hold; anything else makes what it may change
     * unknown to later messages of the batch.
     */
    void applied(String type, ObjectNode d, @Nullable Prints prints) {
        switch (type) {
            case "MESSAGE_CREATE" -> {
                MessageScan scan = prints == null ? null : prints.scan();
                if (prints != null && scan != null && scan.authorId() != null) {
                    merged(scan.guildId(), scan.authorId(), prints);
                    return;
                }
                ObjectNode author = object(d, "author");
                String userId = author == null ? null : text(author, "id");
                touch(text(d, "guild_id"), userId);
            }
            case "PRESENCE_UPDATE" -> {
                ObjectNode user = object(d, "user");
                touch(null, user == null ? null : text(user, "id"));
            }
            case "GUILD_MEMBER_ADD", "GUILD_MEMBER_UPDATE", "GUILD_MEMBER_REMOVE" ->
                touch(text(d, "guild_id"), MemberRules.userId(d));
            case "READY",
                    "GUILD_CREATE",
                    "GUILD_DELETE",
                    "GUILD_MEMBERS_CHUNK",
                    "THREAD_MEMBERS_UPDATE",
                    "USER_UPDATE" -> unsure = true; // many members or users at once: decide nothing more
            default -> {
                // guild-level events: they change no member or user
            }
        }
    }

    /** A message merged these parts (a zero print: that part is not merged, so it changed nothing). */
    private void merged(@Nullable String guildId, String userId, Prints prints) {
        if (prints.user() != 0) {
            users.put(userId, prints.user());
        }
        if (guildId != null && prints.member() != 0) {
            members.put(new MemberKey(guildId, userId), prints.member());
        }
    }

    private void touch(@Nullable String guildId, @Nullable String userId) {
        if (userId == null) {
            unsure |= guildId != null; // a member event without a readable user: cannot tell whom it touched
            return;
        }
        users.put(userId, CHANGED);
        if (guildId != null) {
            members.put(new MemberKey(guildId, userId), CHANGED);
        }
    }
}
