package io.flotilla.fake.world;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers a REQUEST_GUILD_MEMBERS (op 8, GATEWAY.md sections 7 and 11.6) with GUILD_MEMBERS_CHUNK bodies:
 * a username prefix query (case-insensitive, at most 100 results unless it is the "everyone" form
 * {@code ""}/limit 0) or up to 100 user ids with {@code not_found}; at most 1000 members a chunk, and one
 * chunk even when nothing matched. Stateless; the caller holds the guild's lock.
 */
final class MemberChunks {

    static final int CHUNK_SIZE = 1000;
    static final int QUERY_LIMIT = 100;
    static final int USER_IDS_LIMIT = 100;

    private MemberChunks() {}

    static List<byte[]> answer(GuildState guild, UserDirectory users, MemberRequest request) {
        List<MemberState> found = new ArrayList<>();
        List<String> notFound = new ArrayList<>();
        if (!request.userIds().isEmpty()) {
            byIds(guild, request.userIds(), found, notFound);
        } else {
            byQuery(guild, users, request, found);
        }
        int chunkCount = Math.max(1, (found.size() + CHUNK_SIZE - 1) / CHUNK_SIZE);
        List<byte[]> chunks = new ArrayList<>(chunkCount);
        for (int index = 0; index < chunkCount; index++) {
            List<MemberState> part =
                    found.subList(index * CHUNK_SIZE, Math.min(found.size(), (index + 1) * CHUNK_SIZE));
            int chunkIndex = index;
            chunks.add(JsonOutput.render(
                    g -> writeChunk(g, guild, users, request, part, chunkIndex, chunkCount, notFound)));
        }
        return chunks;
    }

    private static void byIds(GuildState guild, List<String> userIds, List<MemberState> found, List<String> notFound) {
        for (String userId : userIds.subList(0, Math.min(USER_IDS_LIMIT, userIds.size()))) {
            MemberState member = null;
            try {
                member = guild.membersById.get(Long.parseUnsignedLong(userId));
            } catch (NumberFormatException e) {
                // Not a snowflake: Discord reports such ids as not found too (GATEWAY.md section 9).
            }
            if (member == null) {
                notFound.add(userId);
            } else {
                found.add(member);
            }
        }
    }

    private static void byQuery(GuildState guild, UserDirectory users, MemberRequest request, List<MemberState> found) {
        String query = request.query() == null ? "" : request.query();
        int limit = request.limit();
        if (!query.isEmpty()) {
            limit = limit <= 0 ? QUERY_LIMIT : Math.min(limit, QUERY_LIMIT);
        } else if (limit <= 0) {
            limit = Integer.MAX_VALUE;
        }
        for (MemberState member : guild.members) {
            if (found.size() >= limit) {
                return;
            }
            String username = users.get(member.userId).username();
            if (username.regionMatches(true, 0, query, 0, query.length())) {
                found.add(member);
            }
        }
    }

    private static void writeChunk(
            JsonGenerator g,
            GuildState guild,
            UserDirectory users,
            MemberRequest request,
            List<MemberState> members,
            int chunkIndex,
            int chunkCount,
            List<String> notFound)
            throws IOException {
        g.writeStartObject();
        JsonOutput.snowflake(g, "guild_id", guild.id);
        g.writeArrayFieldStart("members");
        for (MemberState member : members) {
            member.write(g, users.get(member.userId));
        }
        g.writeEndArray();
        g.writeNumberField("chunk_index", chunkIndex);
        g.writeNumberField("chunk_count", chunkCount);
        if (chunkIndex == 0) {
            g.writeArrayFieldStart("not_found");
            for (String id : notFound) {
                g.writeString(id);
            }
            g.writeEndArray();
        }
        if (request.presences()) {
            g.writeArrayFieldStart("presences");
            for (MemberState member : members) {
                if (member.status.online()) {
                    member.writePresence(g, 0, null);
                }
            }
            g.writeEndArray();
        }
        if (request.nonce() != null) {
            g.writeStringField("nonce", request.nonce());
        }
        g.writeEndObject();
    }
}
