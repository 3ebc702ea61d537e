package io.flotilla.fake;

import com.fasterxml.jackson.databind.JsonNode;
import io.flotilla.fake.wire.CloseCode;
import io.flotilla.fake.world.MemberRequest;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Shape checks for the client opcodes that need no session state: 1, 3, 4, 8, 31 and 43 (GATEWAY.md 7). A
 * wrong shape is close 4001 (GATEWAY.md 3). Stateless.
 */
final class ClientRequests {

    private ClientRequests() {}

    static void heartbeat(@Nullable JsonNode d) throws ProtocolViolation {
        if (d != null && !d.isNull() && !d.isIntegralNumber()) {
            throw shape("heartbeat d must be the last seq (an integer) or null");
        }
    }

    static void presenceUpdate(JsonNode d) throws ProtocolViolation {
        if (!d.isObject() || !text(d, "status") || !d.path("activities").isArray()) {
            throw shape("presence update needs status (string) and activities (array)");
        }
    }

    static void voiceStateUpdate(JsonNode d) throws ProtocolViolation {
        JsonNode channel = d.path("channel_id");
        if (!d.isObject() || !text(d, "guild_id") || !(channel.isTextual() || channel.isNull())) {
            throw shape("voice state update needs guild_id and channel_id (string or null)");
        }
    }

    /** op 8: one guild, either query (with limit) or user_ids (GATEWAY.md 7). */
    static MemberRequest memberRequest(JsonNode d) throws ProtocolViolation {
        if (!d.isObject() || !text(d, "guild_id")) {
            throw shape("request guild members needs one guild_id (a string)");
        }
        JsonNode query = d.get("query");
        JsonNode userIds = d.get("user_ids");
        boolean hasQuery = query != null && !query.isNull();
        boolean hasUsers = userIds != null && !userIds.isNull();
        if (hasQuery == hasUsers) {
            throw shape("request guild members needs exactly one of query and user_ids");
        }
        List<String> users = new ArrayList<>();
        int limit = 0;
        if (hasUsers) {
            if (userIds.isArray()) {
                for (JsonNode id : userIds) {
                    users.add(id.asText());
                }
            } else {
                users.add(userIds.asText());
            }
            if (users.size() > 100) {
                throw shape("request guild members takes at most 100 user_ids");
            }
        } else {
            JsonNode limitNode = d.get("limit");
            if (!query.isTextual() || limitNode == null || !limitNode.canConvertToInt() || limitNode.asInt() < 0) {
                throw shape("request guild members with query needs a string query and a limit >= 0");
            }
            limit = limitNode.asInt();
        }
        JsonNode nonce = d.get("nonce");
        String nonceText = nonce != null && nonce.isTextual() && nonce.asText().length() <= 32 ? nonce.asText() : null;
        return new MemberRequest(
                d.get("guild_id").asText(),
                hasQuery ? query.asText() : null,
                limit,
                users,
                d.path("presences").asBoolean(false),
                nonceText);
    }

    /** op 31: {@code {guild_ids: [...]}}. */
    static List<String> soundboardGuilds(JsonNode d) throws ProtocolViolation {
        if (!d.isObject() || !d.path("guild_ids").isArray()) {
            throw shape("request soundboard sounds needs guild_ids (an array)");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode id : d.get("guild_ids")) {
            ids.add(id.asText());
        }
        return ids;
    }

    /** op 43: {@code {guild_id, fields: [...]}}. */
    static String channelInfoGuild(JsonNode d) throws ProtocolViolation {
        if (!d.isObject() || !text(d, "guild_id") || !d.path("fields").isArray()) {
            throw shape("request channel info needs guild_id and fields (an array)");
        }
        return d.get("guild_id").asText();
    }

    private static boolean text(JsonNode d, String field) {
        return d.path(field).isTextual();
    }

    private static ProtocolViolation shape(String reason) {
        return new ProtocolViolation(CloseCode.UNKNOWN_OPCODE, reason);
    }
}
