package io.flotilla.cluster.command;

import com.fasterxml.jackson.databind.JsonNode;
import io.flotilla.protocol.Snowflake;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The shape of {@code d} for each op a worker may send (GATEWAY.md section 7), as a protocol rule on the enum.
 */
enum CommandShape {
    /** Op 3, Update Presence: {@code since, activities, status, afk}. */
    PRESENCE_UPDATE(3) {
        @Override
        @Nullable
        String problem(JsonNode d) {
            JsonNode since = d.get("since");
            if (since == null || !(since.isNull() || since.canConvertToLong())) {
                return "since must be null or unix ms";
            }
            if (!d.path("activities").isArray()) {
                return "activities must be an array";
            }
            for (JsonNode activity : d.get("activities")) {
                if (!activity.path("name").isTextual() || !activity.path("type").canConvertToInt()) {
                    return "each activity needs a string name and an integer type";
                }
            }
            if (!STATUSES.contains(d.path("status").asText(""))) {
                return "status must be one of " + STATUSES;
            }
            return d.path("afk").isBoolean() ? null : "afk must be true or false";
        }
    },
    /** Op 4, Update Voice State: {@code guild_id, channel_id (null to leave), self_mute, self_deaf}. */
    VOICE_STATE_UPDATE(4) {
        @Override
        @Nullable
        String problem(JsonNode d) {
            if (!isSnowflake(d.get("guild_id"))) {
                return "guild_id must be a snowflake string";
            }
            JsonNode channel = d.get("channel_id");
            if (channel == null || !(channel.isNull() || isSnowflake(channel))) {
                return "channel_id must be a snowflake string or null";
            }
            return d.path("self_mute").isBoolean() && d.path("self_deaf").isBoolean()
                    ? null
                    : "self_mute and self_deaf must be true or false";
        }

        @Override
        List<JsonNode> guildIds(JsonNode d) {
            return List.of(d.get("guild_id"));
        }
    },
    /** Op 8, Request Guild Members: one guild; either {@code query} with {@code limit}, or {@code user_ids}. */
    REQUEST_GUILD_MEMBERS(8) {
        @Override
        @Nullable
        String problem(JsonNode d) {
            if (!isSnowflake(d.get("guild_id"))) {
                return "guild_id must be one snowflake string (one guild per request)";
            }
            boolean query = d.has("query");
            if (query == d.has("user_ids")) {
                return "give either query (with limit) or user_ids";
            }
            if (query
                    && (!d.get("query").isTextual()
                            || !d.path("limit").canConvertToInt()
                            || d.get("limit").asInt() < 0)) {
                return "query must be a string and limit a number of at least 0";
            }
            if (!query && !validUserIds(d.get("user_ids"))) {
                return "user_ids must be a snowflake or an array of 1 to 100 snowflakes";
            }
            if (d.has("presences") && !d.get("presences").isBoolean()) {
                return "presences must be true or false";
            }
            JsonNode nonce = d.get("nonce");
            if (nonce != null && (!nonce.isTextual() || nonce.asText().getBytes(StandardCharsets.UTF_8).length > 32)) {
                return "nonce must be a string of at most 32 bytes";
            }
            return null;
        }

        @Override
        List<JsonNode> guildIds(JsonNode d) {
            return List.of(d.get("guild_id"));
        }
    },
    /** Op 31, Request Soundboard Sounds: {@code guild_ids}, a non-empty array. */
    REQUEST_SOUNDBOARD_SOUNDS(31) {
        @Override
        @Nullable
        String problem(JsonNode d) {
            JsonNode ids = d.get("guild_ids");
            if (ids == null || !ids.isArray() || ids.isEmpty()) {
                return "guild_ids must be a non-empty array of snowflakes";
            }
            for (JsonNode id : ids) {
                if (!isSnowflake(id)) {
                    return "guild_ids must hold snowflake strings only";
                }
            }
            return null;
        }

        @Override
        List<JsonNode> guildIds(JsonNode d) {
            List<JsonNode> ids = new ArrayList<>();
            d.get("guild_ids").forEach(ids::add);
            return ids;
        }
    };

    private static final Set<String> STATUSES = Set.of("online", "dnd", "idle", "invisible", "offline");

    private final int op;

    CommandShape(int op) {
        this.op = op;
    }

    /** What is wrong with {@code d}, or null when it has this op's shape. */
    abstract @Nullable String problem(JsonNode d);

    /** The guilds the command is about (each must belong to the shard); none for presence. */
    List<JsonNode> guildIds(JsonNode d) {
        return List.of();
    }

    static @Nullable CommandShape of(int op) {
        for (CommandShape shape : values()) {
            if (shape.op == op) {
                return shape;
            }
        }
        return null;
    }

    static boolean isSnowflake(@Nullable JsonNode node) {
        if (node == null || !node.isTextual()) {
            return false;
        }
        try {
            Snowflake.parse(node.asText());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean validUserIds(JsonNode ids) {
        if (isSnowflake(ids)) {
            return true;
        }
        if (!ids.isArray() || ids.isEmpty() || ids.size() > 100) {
            return false;
        }
        for (JsonNode id : ids) {
            if (!isSnowflake(id)) {
                return false;
            }
        }
        return true;
    }
}
