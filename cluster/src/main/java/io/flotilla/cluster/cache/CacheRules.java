package io.flotilla.cluster.cache;

import static io.flotilla.cluster.cache.JsonFields.object;
import static io.flotilla.cluster.cache.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which dispatches touch the cache, which documents a batch must read before it can compute its writes
 * ({@link #plan}), and the dispatch from an event name to its rule ({@link #apply}).
 *
 * <p>Stateless apart from its settings; thread-safe.
 */
public final class CacheRules {
    private static final Logger LOG = LoggerFactory.getLogger(CacheRules.class);

    private static final Set<String> GUILD_EVENTS = Set.of(
            "GUILD_CREATE",
            "GUILD_UPDATE",
            "GUILD_DELETE",
            "CHANNEL_CREATE",
            "CHANNEL_UPDATE",
            "CHANNEL_DELETE",
            "THREAD_CREATE",
            "THREAD_UPDATE",
            "THREAD_DELETE",
            "THREAD_LIST_SYNC",
            "THREAD_MEMBER_UPDATE",
            "THREAD_MEMBERS_UPDATE",
            "GUILD_ROLE_CREATE",
            "GUILD_ROLE_UPDATE",
            "GUILD_ROLE_DELETE",
            "GUILD_EMOJIS_UPDATE",
            "GUILD_STICKERS_UPDATE",
            "GUILD_MEMBER_ADD",
            "GUILD_MEMBER_REMOVE",
            "GUILD_MEMBER_UPDATE",
            "GUILD_MEMBERS_CHUNK");
    // These carry the guild itself, so its id is "id"; every other guild event names it in "guild_id".
    private static final Set<String> GUILD_ITSELF = Set.of("GUILD_CREATE", "GUILD_UPDATE", "GUILD_DELETE");
    private static final Set<String> USER_EVENTS = Set.of("READY", "USER_UPDATE", "PRESENCE_UPDATE");
    // Guild events whose rules touch members and users only: their guild document is not read (issue 12 item 12).
    private static final Set<String> NO_GUILD_DOCUMENT =
            Set.of("MESSAGE_CREATE", "GUILD_MEMBERS_CHUNK", "GUILD_MEMBER_UPDATE");

    private final boolean messageAuthors;
    private final ObjectMapper json;

    /** @param messageAuthors whether MESSAGE_CREATE refreshes its author's user and member documents */
    public CacheRules(ObjectMapper json, boolean messageAuthors) {
        this.json = json;
        this.messageAuthors = messageAuthors;
    }

    /** True when a dispatch of this name can change the cache. Allocation-free; called for every dispatch. */
    public boolean touchesCache(String eventName) {
        return GUILD_EVENTS.contains(eventName)
                || USER_EVENTS.contains(eventName)
                || (messageAuthors && eventName.equals("MESSAGE_CREATE"));
    }

    /**
     * A cache-relevant dispatch, parsed; a MESSAGE_CREATE's {@code prints} say what to remember of its writes
     * (null: nothing).
     */
    record ParsedEvent(String type, ObjectNode data, KnownMessages.@Nullable Prints prints) {
        ParsedEvent(String type, ObjectNode data) {
            this(type, data, null);
        }
    }

    /** What a batch needs: its parsed events and the documents to load first. */
    record Plan(List<ParsedEvent> events, Set<String> guildIds, Set<MemberKey> memberKeys, boolean wipe) {}

    /** Parses the relevant dispatches (a {@code d} that is not a JSON object is logged and skipped). */
    Plan plan(List<String> types, List<byte[]> data) {
        return plan(types, data, null);
    }

    /**
     * As {@link #plan(List, List)}; with {@code written}, the messages that change nothing by what it remembers are
     * left out ({@link KnownMessages}), and the others carry the fingerprints of what they write.
     */
    Plan plan(List<String> types, List<byte[]> data, @Nullable WrittenDocuments written) {
        List<ParsedEvent> events = new ArrayList<>(types.size());
        Set<String> guildIds = new LinkedHashSet<>();
        Set<MemberKey> memberKeys = new LinkedHashSet<>();
        KnownMessages known = written == null ? null : new KnownMessages(written);
        boolean wipe = false;
        for (int i = 0; i < types.size(); i++) {
            String type = types.get(i);
            if (!touchesCache(type)) {
                continue;
            }
            if (type.equals("PRESENCE_UPDATE") && PresenceScan.changesNothing(data.get(i))) {
                continue; // its user is an id alone: the rule merges nothing
            }
            KnownMessages.Prints prints =
                    known != null && type.equals("MESSAGE_CREATE") ? known.decide(data.get(i)) : null;
            if (prints == KnownMessages.SKIP) {
                continue;
            }
            MessageScan scan = prints == null ? null : prints.scan();
            ObjectNode d = scan == null ? null : scan.selected(json);
            if (d == null) {
                d = parse(type, data.get(i));
            }
            if (d == null) {
                continue;
            }
            if (known != null) {
                known.applied(type, d, prints);
            }
            events.add(new ParsedEvent(type, d, prints));
            wipe |= type.equals("READY");
            String guildId = GUILD_ITSELF.contains(type) ? text(d, "id") : text(d, "guild_id");
            if (guildId != null && !USER_EVENTS.contains(type) && !NO_GUILD_DOCUMENT.contains(type)) {
                guildIds.add(guildId);
            }
            // A scanned message's member stays bytes (MemberBytes): the scan says whether there is one.
            String userId = scan == null ? memberUserId(type, d) : scan.hasMember() ? scan.authorId() : null;
            if (guildId != null && userId != null) {
                memberKeys.add(new MemberKey(guildId, userId));
            }
        }
        return new Plan(events, guildIds, memberKeys, wipe);
    }

    /** Applies one parsed event to the batch's documents. */
    void apply(ParsedEvent event, CacheDocuments docs) {
        ObjectNode d = event.data();
        switch (event.type()) {
            case "READY" -> MemberRules.ready(d, docs);
            case "GUILD_CREATE" -> GuildRules.guildCreate(d, docs);
            case "GUILD_UPDATE" -> GuildRules.guildUpdate(d, docs);
            case "GUILD_DELETE" -> GuildRules.guildDelete(d, docs);
            case "CHANNEL_CREATE", "CHANNEL_UPDATE" -> GuildRules.channelUpsert(d, docs);
            case "CHANNEL_DELETE" -> GuildRules.channelDelete(d, docs);
            case "THREAD_CREATE", "THREAD_UPDATE" -> GuildRules.threadUpsert(d, docs);
            case "THREAD_DELETE" -> GuildRules.threadDelete(d, docs);
            case "THREAD_LIST_SYNC" -> GuildRules.threadListSync(d, docs);
            case "THREAD_MEMBER_UPDATE" -> GuildRules.threadMemberUpdate(d, docs);
            case "THREAD_MEMBERS_UPDATE" -> GuildRules.threadMembersUpdate(d, docs);
            case "GUILD_ROLE_CREATE", "GUILD_ROLE_UPDATE" -> GuildRules.roleUpsert(d, docs);
            case "GUILD_ROLE_DELETE" -> GuildRules.roleDelete(d, docs);
            case "GUILD_EMOJIS_UPDATE" -> GuildRules.replaceList(d, "emojis", docs);
            case "GUILD_STICKERS_UPDATE" -> GuildRules.replaceList(d, "stickers", docs);
            case "GUILD_MEMBER_ADD" -> MemberRules.memberAdd(d, docs);
            case "GUILD_MEMBER_UPDATE" -> MemberRules.memberUpdate(d, docs);
            case "GUILD_MEMBER_REMOVE" -> MemberRules.memberRemove(d, docs);
            case "GUILD_MEMBERS_CHUNK" -> MemberRules.membersChunk(d, docs);
            case "USER_UPDATE" -> MemberRules.userUpdate(d, docs);
            case "PRESENCE_UPDATE" -> MemberRules.presenceUpdate(d, docs);
            case "MESSAGE_CREATE" -> MemberRules.messageCreate(d, event.prints(), docs);
            default -> LOG.debug("{} does not change the cache", event.type());
        }
    }

    /** Runs a whole plan over loaded documents and returns the writes. */
    CacheWrites compute(Plan plan, CacheDocuments docs) {
        for (ParsedEvent event : plan.events()) {
            apply(event, docs);
        }
        return docs.writes();
    }

    ObjectMapper json() {
        return json;
    }

    /** The member whose cached document a rule merges into or counts. */
    private static @Nullable String memberUserId(String type, ObjectNode d) {
        return switch (type) {
            case "GUILD_MEMBER_ADD", "GUILD_MEMBER_UPDATE" -> {
                ObjectNode user = object(d, "user");
                yield user == null ? null : text(user, "id");
            }
            case "MESSAGE_CREATE" -> {
                ObjectNode author = object(d, "author");
                yield author == null || !d.has("member") ? null : text(author, "id");
            }
            default -> null;
        };
    }

    private @Nullable ObjectNode parse(String type, byte[] data) {
        try {
            Set<String> fields = SelectedFields.of(type);
            if (fields != null) {
                ObjectNode selected = SelectedFields.parse(json, data, fields);
                if (selected != null) {
                    return selected;
                }
            }
            JsonNode node = json.readTree(data);
            if (node instanceof ObjectNode object) {
                return object;
            }
            LOG.warn("{} has a d that is not a JSON object ({}); the cache skips it", type, node.getNodeType());
        } catch (IOException e) {
            LOG.warn("{} has a d that is not valid JSON; the cache skips it: {}", type, e.getMessage());
        }
        return null;
    }
}
