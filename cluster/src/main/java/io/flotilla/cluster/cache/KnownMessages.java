package io.flotilla.cluster.cache;

import static io.flotilla.cluster.cache.JsonFields.object;
import static io.flotilla.cluster.cache.JsonFields.text;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Decides, while a batch is planned, which MESSAGE_CREATEs change nothing in the cache: those whose author and
 * member carry exactly what {@link WrittenDocuments} says was last merged, when no event before them
 * in the batch touched that member or user (then the stored document is no longer the one remembered). Such a
 * message is left out of the plan: no member read, no parse, no write, no user merge. The others are fingerprinted
 * so that what they write is remembered ({@link Prints}).
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

    private final WrittenDocuments written;
    private final Set<String> users = new HashSet<>();
    private final Set<MemberKey> members = new HashSet<>();
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
            userKnown = !users.contains(authorId) && written.known(userKey, user);
        }
        boolean memberKnown = true;
        long member = 0;
        String guildId = scan.guildId();
        if (guildId != null && scan.memberFrom() >= 0) {
            long memberKey = written.memberKey(guildId, authorId);
            member = written.fingerprint(memberKey, d, scan.memberFrom(), scan.memberTo());
            memberKnown = !members.contains(new MemberKey(guildId, authorId)) && written.known(memberKey, member);
        }
        return userKnown && memberKnown ? SKIP : new Prints(user, member, scan);
    }

    /** An event the batch applies: what it may change makes later messages of the same member or user unsure. */
    void applied(String type, ObjectNode d) {
        switch (type) {
            case "MESSAGE_CREATE" -> {
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

    private void touch(@Nullable String guildId, @Nullable String userId) {
        if (userId == null) {
            unsure |= guildId != null; // a member event without a readable user: cannot tell whom it touched
            return;
        }
        users.add(userId);
        if (guildId != null) {
            members.add(new MemberKey(guildId, userId));
        }
    }
}
