package io.flotilla.cluster.cache;

import static io.flotilla.cluster.cache.JsonFields.fillGuildId;
import static io.flotilla.cluster.cache.JsonFields.findById;
import static io.flotilla.cluster.cache.JsonFields.object;
import static io.flotilla.cluster.cache.JsonFields.removeIf;
import static io.flotilla.cluster.cache.JsonFields.text;
import static io.flotilla.cluster.cache.JsonFields.upsertById;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Set;

/**
 * How guild-level events change the guild document, which embeds {@code channels}, {@code roles},
 * {@code threads}, {@code emojis} and {@code stickers} (GATEWAY.md 11.1 to 11.5 and 11.9). Events for a guild
 * that is not cached are ignored, except the ones that carry the whole guild.
 *
 * <p>Stateless.
 */
final class GuildRules {
    private GuildRules() {}

    /** GUILD_CREATE: the full guild replaces the cached one; its members go to the member hash (11.1). */
    static void guildCreate(ObjectNode d, CacheDocuments docs) {
        String guildId = text(d, "id");
        if (guildId == null) {
            return;
        }
        if (d.path("unavailable").asBoolean(false)) {
            markUnavailable(guildId, d, docs);
            return;
        }
        JsonNode members = d.remove("members");
        JsonNode presences = d.remove("presences");
        d.remove("voice_states");
        fillGuildId(d.get("channels"), guildId);
        fillGuildId(d.get("threads"), guildId);
        docs.putGuild(guildId, d);
        if (members instanceof ArrayNode list) {
            for (JsonNode member : list) {
                if (member instanceof ObjectNode object) {
                    MemberRules.storeMember(guildId, object, false, docs);
                }
            }
        }
        MemberRules.mergePresenceUsers(presences, docs);
    }

    /** GUILD_UPDATE: a plain guild object, merged so the embedded extras stay (11.2). */
    static void guildUpdate(ObjectNode d, CacheDocuments docs) {
        String guildId = text(d, "id");
        if (guildId == null) {
            return;
        }
        GuildDocument cached = docs.guild(guildId);
        if (cached == null) {
            docs.putGuild(guildId, d);
        } else {
            cached.setAll(d);
            docs.putGuild(guildId, cached);
        }
    }

    /** GUILD_DELETE: an outage keeps the guild and marks it; otherwise the bot left and it is purged (11.2). */
    static void guildDelete(ObjectNode d, CacheDocuments docs) {
        String guildId = text(d, "id");
        if (guildId == null) {
            return;
        }
        if (d.path("unavailable").asBoolean(false)) {
            markUnavailable(guildId, d, docs);
        } else {
            docs.removeGuild(guildId);
        }
    }

    private static void markUnavailable(String guildId, ObjectNode d, CacheDocuments docs) {
        GuildDocument cached = docs.guild(guildId);
        if (cached == null) {
            docs.putGuild(guildId, d);
        } else {
            cached.set("unavailable", BooleanNode.TRUE);
            docs.putGuild(guildId, cached);
        }
    }

    /** CHANNEL_CREATE / CHANNEL_UPDATE (11.3); DM channels (no guild) are not cached. */
    static void channelUpsert(ObjectNode d, CacheDocuments docs) {
        withGuild(d, docs, (guildId, guild) -> guild.upsertById("channels", d));
    }

    /** CHANNEL_DELETE: the channel and the threads under it go. */
    static void channelDelete(ObjectNode d, CacheDocuments docs) {
        String channelId = text(d, "id");
        if (channelId == null) {
            return;
        }
        withGuild(d, docs, (guildId, guild) -> {
            guild.removeWhere("channels", GuildDocument.ID, channelId);
            guild.removeWhere("threads", GuildDocument.PARENT_ID, channelId);
        });
    }

    /** THREAD_CREATE / THREAD_UPDATE: active threads only, so an archived one leaves the cache (11.4). */
    static void threadUpsert(ObjectNode d, CacheDocuments docs) {
        String threadId = text(d, "id");
        if (threadId == null) {
            return;
        }
        d.remove("newly_created");
        withGuild(d, docs, (guildId, guild) -> {
            if (d.path("thread_metadata").path("archived").asBoolean(false)) {
                guild.removeWhere("threads", GuildDocument.ID, threadId);
            } else {
                guild.upsertById("threads", d);
            }
        });
    }

    static void threadDelete(ObjectNode d, CacheDocuments docs) {
        String threadId = text(d, "id");
        if (threadId != null) {
            withGuild(d, docs, (guildId, guild) -> guild.removeWhere("threads", GuildDocument.ID, threadId));
        }
    }

    /** THREAD_LIST_SYNC: drop the active threads of the synced channels (or all), insert the event's (11.4). */
    static void threadListSync(ObjectNode d, CacheDocuments docs) {
        withGuild(d, docs, (guildId, guild) -> {
            ArrayNode threads = guild.array("threads");
            JsonNode channelIds = d.get("channel_ids");
            if (channelIds instanceof ArrayNode ids) {
                Set<String> synced = new HashSet<>();
                ids.forEach(id -> synced.add(id.asText()));
                removeIf(threads, thread -> synced.contains(text(thread, "parent_id")));
            } else {
                threads.removeAll();
            }
            for (JsonNode thread : d.path("threads")) {
                if (thread instanceof ObjectNode object) {
                    upsertById(threads, object);
                }
            }
            for (JsonNode member : d.path("members")) {
                String threadId = text(member, "id");
                ObjectNode thread = threadId == null ? null : findById(threads, threadId);
                if (thread != null) {
                    thread.set("member", member);
                }
            }
        });
    }

    /** THREAD_MEMBER_UPDATE: the bot's own thread member. */
    static void threadMemberUpdate(ObjectNode d, CacheDocuments docs) {
        String threadId = text(d, "id");
        if (threadId != null) {
            withGuild(d, docs, (guildId, guild) -> {
                ObjectNode thread = findById(guild.array("threads"), threadId);
                if (thread != null) {
                    thread.set("member", d.deepCopy().without("guild_id"));
                }
            });
        }
    }

    /**
     * THREAD_MEMBERS_UPDATE: the thread's member count; each added member carries its full guild
     * {@code member} (GATEWAY.md 11.4), which replaces the cached one.
     */
    static void threadMembersUpdate(ObjectNode d, CacheDocuments docs) {
        String guildId = text(d, "guild_id");
        for (JsonNode added : d.path("added_members")) {
            ObjectNode member = object(added, "member");
            if (guildId != null && member != null) {
                MemberRules.storeMember(guildId, member, false, docs); // a full member, as in a chunk
            }
        }
        String threadId = text(d, "id");
        JsonNode count = d.get("member_count");
        if (threadId != null && count != null) {
            withGuild(d, docs, (id, guild) -> {
                ObjectNode thread = findById(guild.array("threads"), threadId);
                if (thread != null) {
                    thread.set("member_count", count);
                }
            });
        }
    }

    /** GUILD_ROLE_CREATE / GUILD_ROLE_UPDATE: {@code {guild_id, role}} (11.5). */
    static void roleUpsert(ObjectNode d, CacheDocuments docs) {
        ObjectNode role = object(d, "role");
        if (role != null) {
            withGuild(d, docs, (guildId, guild) -> guild.upsertById("roles", role));
        }
    }

    /** GUILD_ROLE_DELETE: {@code {guild_id, role_id}}. */
    static void roleDelete(ObjectNode d, CacheDocuments docs) {
        String roleId = text(d, "role_id");
        if (roleId != null) {
            withGuild(d, docs, (guildId, guild) -> guild.removeWhere("roles", GuildDocument.ID, roleId));
        }
    }

    /** GUILD_EMOJIS_UPDATE / GUILD_STICKERS_UPDATE: the array is the complete new set (11.9). */
    static void replaceList(ObjectNode d, String field, CacheDocuments docs) {
        JsonNode list = d.get(field);
        if (list instanceof ArrayNode) {
            withGuild(d, docs, (guildId, guild) -> guild.set(field, list));
        }
    }

    /** Adds {@code delta} to the guild's {@code member_count} when the guild is cached and has one. */
    static void adjustMemberCount(String guildId, int delta, CacheDocuments docs) {
        GuildDocument guild = docs.guild(guildId);
        JsonNode count = guild == null ? null : guild.get("member_count");
        if (guild != null && count != null && count.canConvertToInt()) {
            guild.set("member_count", IntNode.valueOf(Math.max(0, count.asInt() + delta)));
            docs.putGuild(guildId, guild);
        }
    }

    private interface GuildChange {
        void apply(String guildId, GuildDocument guild);
    }

    /** Applies the change to the cached guild named by {@code d.guild_id} (filled into {@code d} when absent). */
    private static void withGuild(ObjectNode d, CacheDocuments docs, GuildChange change) {
        String guildId = text(d, "guild_id");
        if (guildId == null) {
            return;
        }
        GuildDocument guild = docs.guild(guildId);
        if (guild != null) {
            change.apply(guildId, guild);
            docs.putGuild(guildId, guild);
        }
    }
}
