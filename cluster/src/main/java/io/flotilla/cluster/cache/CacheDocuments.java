package io.flotilla.cluster.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The documents one shard's batch reads and changes, between loading them and writing them back: the loaded
 * JSON is parsed on first use ({@link CacheJson}), changes are kept here, and {@link #writes()} turns what changed
 * into {@link CacheWrites}. A member that only messages changed stays bytes ({@link #mergeMemberBytes}) until a
 * rule asks for its tree. After {@link #wipe()} (a new session) nothing loaded counts any more; after a guild's
 * members are cleared, none of its loaded members count.
 *
 * <p>Owned by one committer lane for one batch; not thread-safe.
 */
final class CacheDocuments {
    private final CacheJson json;
    private final Map<String, byte[]> loadedGuilds;
    private final Map<MemberKey, byte[]> loadedMembers;

    private final Map<String, Optional<GuildDocument>> guilds = new HashMap<>();
    private final Set<String> changedGuilds = new LinkedHashSet<>();
    private final Map<MemberKey, Optional<ObjectNode>> members = new HashMap<>();
    // Members a message merged as bytes (MemberBytes), until a rule asks for the tree; never also in members.
    private final Map<MemberKey, byte[]> memberBytes = new HashMap<>();
    private final Set<MemberKey> changedMembers = new LinkedHashSet<>();
    private final Set<String> clearedMemberGuilds = new LinkedHashSet<>();
    private final Map<String, ObjectNode> users = new LinkedHashMap<>();
    // The fingerprints of the message fields a member or user was last changed by in this batch (WrittenDocuments).
    private final Map<MemberKey, Long> memberPrints = new HashMap<>();
    private final Map<String, Long> userPrints = new HashMap<>();
    private boolean wiped;

    CacheDocuments(ObjectMapper json, Map<String, byte[]> loadedGuilds, Map<MemberKey, byte[]> loadedMembers) {
        this.json = new CacheJson(json);
        this.loadedGuilds = loadedGuilds;
        this.loadedMembers = loadedMembers;
    }

    /** The guild as it stands in this batch (the caller may change it and then {@link #putGuild}), or null. */
    @Nullable
    GuildDocument guild(String guildId) {
        Optional<GuildDocument> known = guilds.get(guildId);
        if (known == null) {
            byte[] loaded = wiped ? null : loadedGuilds.get(guildId);
            known = Optional.ofNullable(loaded == null ? null : json.guild(loaded, "guild " + guildId));
            guilds.put(guildId, known);
        }
        return known.orElse(null);
    }

    /** A guild the batch built whole (GUILD_CREATE, or an event for a guild not cached). */
    void putGuild(String guildId, ObjectNode guild) {
        putGuild(guildId, GuildDocument.of(json.mapper(), guild));
    }

    void putGuild(String guildId, GuildDocument guild) {
        guilds.put(guildId, Optional.of(guild));
        changedGuilds.add(guildId);
    }

    /** Removes the guild and all its members. */
    void removeGuild(String guildId) {
        guilds.put(guildId, Optional.empty());
        changedGuilds.add(guildId);
        clearedMemberGuilds.add(guildId);
        members.keySet().removeIf(key -> key.guildId().equals(guildId));
        memberBytes.keySet().removeIf(key -> key.guildId().equals(guildId));
        changedMembers.removeIf(key -> key.guildId().equals(guildId));
    }

    @Nullable
    ObjectNode member(String guildId, String userId) {
        MemberKey key = new MemberKey(guildId, userId);
        Optional<ObjectNode> known = members.get(key);
        if (known == null) {
            byte[] merged = memberBytes.remove(key);
            byte[] loaded = merged != null ? merged : stored(key);
            known = Optional.ofNullable(loaded == null ? null : json.object(loaded, 0, loaded.length, "member " + key));
            members.put(key, known);
        }
        return known.orElse(null);
    }

    /** The member as loaded from Redis, unless this batch cleared it (a wipe, a purged guild). */
    private byte @Nullable [] stored(MemberKey key) {
        return wiped || clearedMemberGuilds.contains(key.guildId()) ? null : loadedMembers.get(key);
    }

    /**
     * Merges a message's member ({@code scan}) into the member as it stands by bytes ({@link MemberBytes}); false,
     * merging nothing, when an earlier event of the batch holds the member as a tree or either is not in the plain
     * form (the caller then merges trees).
     *
     * @param print the fingerprint of the message member, or 0 (see {@link WrittenDocuments})
     */
    boolean mergeMemberBytes(String guildId, String userId, MessageScan scan, long print) {
        MemberKey key = new MemberKey(guildId, userId);
        if (members.containsKey(key)) {
            return false;
        }
        byte[] before = memberBytes.get(key);
        byte[] merged = MemberBytes.merge(
                before != null ? before : stored(key), scan.data(), scan.memberFrom(), scan.memberTo(), userId);
        if (merged == null) {
            return false;
        }
        memberBytes.put(key, merged);
        changedMembers.add(key);
        remember(memberPrints, key, print);
        return true;
    }

    /** The object at {@code d[from, to)} as a tree, or null (logged) when it is not a JSON object. */
    @Nullable
    ObjectNode tree(byte[] d, int from, int to, String what) {
        return json.object(d, from, to, what);
    }

    void putMember(String guildId, String userId, ObjectNode member) {
        putMember(guildId, userId, member, 0);
    }

    /** @param print the fingerprint of the message member merged last, or 0 (see {@link WrittenDocuments}) */
    void putMember(String guildId, String userId, ObjectNode member, long print) {
        MemberKey key = new MemberKey(guildId, userId);
        members.put(key, Optional.of(member));
        memberBytes.remove(key);
        changedMembers.add(key);
        remember(memberPrints, key, print);
    }

    void removeMember(String guildId, String userId) {
        MemberKey key = new MemberKey(guildId, userId);
        members.put(key, Optional.empty());
        memberBytes.remove(key);
        changedMembers.add(key);
        memberPrints.remove(key);
    }

    /** Merges a (possibly partial) user into what this batch will merge into the global user hash. */
    void mergeUser(String userId, ObjectNode user) {
        mergeUser(userId, user, 0);
    }

    /** @param print the fingerprint of the message author merged, or 0 (see {@link WrittenDocuments}) */
    void mergeUser(String userId, ObjectNode user, long print) {
        ObjectNode pending = users.get(userId);
        if (pending == null) {
            users.put(userId, user);
        } else {
            pending.setAll(user);
        }
        remember(userPrints, userId, print);
    }

    /**
     * Tells {@code written} what this batch writes: the fingerprints of members and users a message changed last,
     * and that every other member or user it changes is no longer known.
     */
    void remember(WrittenDocuments written) {
        if (wiped || !clearedMemberGuilds.isEmpty()) {
            written.forgetAll();
        }
        for (MemberKey key : changedMembers) {
            Long print = memberPrints.get(key);
            if (print != null) {
                written.member(key.guildId(), key.userId(), print);
            } else {
                written.forgetMember(key.guildId(), key.userId());
            }
        }
        for (String userId : users.keySet()) {
            Long print = userPrints.get(userId);
            if (print != null) {
                written.user(userId, print);
            } else {
                written.forgetUser(userId);
            }
        }
    }

    private static <K> void remember(Map<K, Long> prints, K key, long print) {
        if (print == 0) {
            prints.remove(key);
        } else {
            prints.put(key, print);
        }
    }

    /** A new session: forget everything loaded and delete every key of the shard before writing. */
    void wipe() {
        wiped = true;
        guilds.clear();
        changedGuilds.clear();
        members.clear();
        memberBytes.clear();
        changedMembers.clear();
        clearedMemberGuilds.clear();
    }

    CacheWrites writes() {
        Map<String, byte[]> guildPuts = new LinkedHashMap<>();
        Set<String> guildDeletes = new LinkedHashSet<>();
        for (String guildId : changedGuilds) {
            Optional<GuildDocument> guild = guilds.get(guildId);
            if (guild != null && guild.isPresent()) {
                guildPuts.put(guildId, guild.get().bytes());
            } else if (!wiped) {
                guildDeletes.add(guildId);
            }
        }
        Map<String, Map<String, byte[]>> memberPuts = new LinkedHashMap<>();
        Map<String, Set<String>> memberDeletes = new LinkedHashMap<>();
        for (MemberKey key : changedMembers) {
            byte[] merged = memberBytes.get(key);
            if (merged != null) {
                memberPuts
                        .computeIfAbsent(key.guildId(), id -> new LinkedHashMap<>())
                        .put(key.userId(), merged);
                continue;
            }
            Optional<ObjectNode> member = members.get(key);
            if (member != null && member.isPresent()) {
                memberPuts
                        .computeIfAbsent(key.guildId(), id -> new LinkedHashMap<>())
                        .put(key.userId(), json.bytes(member.get()));
            } else if (!wiped && !clearedMemberGuilds.contains(key.guildId())) {
                memberDeletes
                        .computeIfAbsent(key.guildId(), id -> new LinkedHashSet<>())
                        .add(key.userId());
            }
        }
        Map<String, byte[]> userDocs = new LinkedHashMap<>();
        users.forEach((id, user) -> userDocs.put(id, json.bytes(user)));
        return new CacheWrites(
                wiped, Set.copyOf(clearedMemberGuilds), guildPuts, guildDeletes, memberPuts, memberDeletes, userDocs);
    }
}
