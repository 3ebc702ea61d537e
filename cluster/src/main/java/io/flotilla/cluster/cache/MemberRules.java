package io.flotilla.cluster.cache;

import static io.flotilla.cluster.cache.JsonFields.object;
import static io.flotilla.cluster.cache.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/**
 * How member and user events change the member hash of a guild and the global user hash (GATEWAY.md 11.6 to
 * 11.8). A member document holds its user's id in {@code user}; the user itself is merged into the user hash,
 * never replaced, because PRESENCE_UPDATE users are partial.
 *
 * <p>Stateless.
 */
final class MemberRules {
    private MemberRules() {}

    /** GUILD_MEMBER_ADD: an upsert (it can repeat for a member already there); a new member counts (11.6). */
    static void memberAdd(ObjectNode d, CacheDocuments docs) {
        String guildId = text(d, "guild_id");
        String userId = userId(d);
        if (guildId == null || userId == null) {
            return;
        }
        boolean known = docs.member(guildId, userId) != null;
        storeMember(guildId, d, false, docs);
        if (!known) {
            GuildRules.adjustMemberCount(guildId, 1, docs);
        }
    }

    /** GUILD_MEMBER_UPDATE: merged into the cached member; its user into the user hash. */
    static void memberUpdate(ObjectNode d, CacheDocuments docs) {
        String guildId = text(d, "guild_id");
        if (guildId != null) {
            storeMember(guildId, d, true, docs);
        }
    }

    /** GUILD_MEMBER_REMOVE: {@code {guild_id, user}}; the user stays (other guilds may share it). */
    static void memberRemove(ObjectNode d, CacheDocuments docs) {
        String guildId = text(d, "guild_id");
        String userId = userId(d);
        if (guildId != null && userId != null) {
            docs.removeMember(guildId, userId);
            GuildRules.adjustMemberCount(guildId, -1, docs);
        }
    }

    /** GUILD_MEMBERS_CHUNK: each member replaces its cached one; presences carry partial users. */
    static void membersChunk(ObjectNode d, CacheDocuments docs) {
        String guildId = text(d, "guild_id");
        if (guildId == null) {
            return;
        }
        for (JsonNode member : d.path("members")) {
            if (member instanceof ObjectNode object) {
                storeMember(guildId, object, false, docs);
            }
        }
        mergePresenceUsers(d.get("presences"), docs);
    }

    /** PRESENCE_UPDATE: only the user part is cached, merged (11.7). */
    static void presenceUpdate(ObjectNode d, CacheDocuments docs) {
        mergeUser(object(d, "user"), docs);
    }

    /** USER_UPDATE: the bot's own user. */
    static void userUpdate(ObjectNode d, CacheDocuments docs) {
        mergeUser(d, docs);
    }

    /**
     * MESSAGE_CREATE: the author's user, and the partial member (it has no {@code user}, 11.8) merged in;
     * {@code prints}, when known, are the fingerprints of the author and member to remember once written, and
     * their scan says where the member's bytes are (merged as bytes, {@link CacheDocuments#mergeMemberBytes}).
     */
    static void messageCreate(ObjectNode d, KnownMessages.@Nullable Prints prints, CacheDocuments docs) {
        if (d.hasNonNull("webhook_id")) {
            return; // webhook authors are not users of the guild
        }
        ObjectNode author = object(d, "author");
        String authorId = author == null ? null : text(author, "id");
        if (author == null || authorId == null) {
            return;
        }
        if (author.size() > 1) {
            docs.mergeUser(authorId, author, prints == null ? 0 : prints.user());
        }
        String guildId = text(d, "guild_id");
        MessageScan scan = prints == null ? null : prints.scan();
        ObjectNode member;
        if (prints != null && scan != null) { // the member is still bytes
            if (guildId == null
                    || !scan.hasMember()
                    || docs.mergeMemberBytes(guildId, authorId, scan, prints.member())) {
                return;
            }
            member = docs.tree(scan.data(), scan.memberFrom(), scan.memberTo(), "message member");
        } else {
            member = object(d, "member");
        }
        if (guildId != null && member != null) {
            ObjectNode stored = member.deepCopy();
            stored.put("user", authorId);
            ObjectNode cached = docs.member(guildId, authorId);
            if (cached != null) {
                cached.setAll(stored);
                stored = cached;
            }
            docs.putMember(guildId, authorId, stored, prints == null ? 0 : prints.member());
        }
    }

    /** READY: a new session; its user is the bot. */
    static void ready(ObjectNode d, CacheDocuments docs) {
        docs.wipe();
        mergeUser(object(d, "user"), docs);
    }

    /**
     * Stores a member object (with a full or partial {@code user}) under its user id, its user merged into the
     * user hash; {@code merge} keeps the cached fields the object lacks.
     */
    static void storeMember(String guildId, ObjectNode member, boolean merge, CacheDocuments docs) {
        String userId = userId(member);
        if (userId == null) {
            return;
        }
        ObjectNode user = object(member, "user");
        if (user != null) {
            mergeUser(user, docs);
        }
        member.remove("guild_id");
        member.put("user", userId);
        ObjectNode cached = merge ? docs.member(guildId, userId) : null;
        if (cached != null) {
            cached.setAll(member);
            docs.putMember(guildId, userId, cached);
        } else {
            docs.putMember(guildId, userId, member);
        }
    }

    static void mergePresenceUsers(@Nullable JsonNode presences, CacheDocuments docs) {
        if (presences instanceof ArrayNode list) {
            for (JsonNode presence : list) {
                mergeUser(object(presence, "user"), docs);
            }
        }
    }

    /** Merges a user that has more than its id (an id alone says nothing worth a document). */
    private static void mergeUser(@Nullable ObjectNode user, CacheDocuments docs) {
        String userId = user == null ? null : text(user, "id");
        if (user != null && userId != null && user.size() > 1) {
            docs.mergeUser(userId, user);
        }
    }

    static @Nullable String userId(ObjectNode member) {
        ObjectNode user = object(member, "user");
        if (user != null) {
            return text(user, "id");
        }
        String id = text(member, "user");
        return id != null ? id : text(member, "user_id");
    }
}
