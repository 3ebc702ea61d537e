package io.flotilla.fake.world;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A reference entity cache for tests: applies GUILD_CREATE and every generated event literally, the way
 * GATEWAY.md section 11 says a cache should (upsert on ADD, remove on REMOVE, merge partial users and
 * GUILD_UPDATE, replace emojis). Users are global, members hold no user. Not thread-safe.
 */
final class LiteralCache {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<String> CREATE_EXTRAS = List.of(
            "joined_at",
            "large",
            "unavailable",
            "member_count",
            "members",
            "voice_states",
            "presences",
            "stage_instances",
            "guild_scheduled_events",
            "soundboard_sounds");

    final Map<String, ObjectNode> guilds = new HashMap<>();
    final Map<String, Map<String, ObjectNode>> members = new HashMap<>();
    final Map<String, ObjectNode> users = new HashMap<>();

    void apply(String type, byte[] data) {
        ObjectNode d = parse(data);
        switch (type) {
            case "GUILD_CREATE" -> guildCreate(d);
            case "MESSAGE_CREATE", "MESSAGE_UPDATE" -> users.put(id(d.path("author")), (ObjectNode) d.get("author"));
            case "TYPING_START", "MESSAGE_REACTION_ADD", "VOICE_STATE_UPDATE" ->
                upsertMember(text(d, "guild_id"), (ObjectNode) d.get("member"));
            case "PRESENCE_UPDATE" -> known(users, id(d.path("user"))).setAll((ObjectNode) d.get("user"));
            case "GUILD_MEMBER_ADD", "GUILD_MEMBER_UPDATE" -> {
                String guildId = text(d, "guild_id");
                d.remove("guild_id");
                upsertMember(guildId, d);
            }
            case "GUILD_MEMBER_REMOVE" -> {
                known(members, text(d, "guild_id")).remove(id(d.path("user")));
                users.put(id(d.path("user")), (ObjectNode) d.get("user"));
            }
            case "CHANNEL_CREATE", "CHANNEL_UPDATE" -> upsert(guild(d).withArray("channels"), d);
            case "CHANNEL_DELETE" -> remove(guild(d).withArray("channels"), id(d));
            case "THREAD_CREATE", "THREAD_UPDATE" -> {
                d.remove("newly_created");
                upsert(guild(d).withArray("threads"), d);
            }
            case "THREAD_DELETE" -> remove(guild(d).withArray("threads"), id(d));
            case "GUILD_ROLE_CREATE", "GUILD_ROLE_UPDATE" ->
                upsert(guild(d).withArray("roles"), (ObjectNode) d.get("role"));
            case "GUILD_ROLE_DELETE" -> remove(guild(d).withArray("roles"), text(d, "role_id"));
            case "GUILD_UPDATE" -> known(guilds, id(d)).setAll(d);
            case "GUILD_EMOJIS_UPDATE" -> guild(d).set("emojis", d.get("emojis"));
            case "MESSAGE_DELETE", "MESSAGE_DELETE_BULK", "CHANNEL_PINS_UPDATE" -> {
                // message traffic leaves the entity cache alone
            }
            default -> throw new IllegalArgumentException("the literal cache does not know " + type);
        }
    }

    /** The cached members of a guild, each with its user joined back in, as {@link World#members} shows them. */
    Map<String, ObjectNode> membersWithUsers(String guildId) {
        Map<String, ObjectNode> joined = new HashMap<>();
        known(members, guildId).forEach((userId, member) -> {
            ObjectNode copy = member.deepCopy();
            copy.set("user", users.get(userId));
            joined.put(userId, copy);
        });
        return joined;
    }

    /** Arrays of id-carrying objects become objects keyed by id: order is not part of a cache's state. */
    static ObjectNode canonical(ObjectNode guild) {
        ObjectNode copy = guild.deepCopy();
        for (String array : List.of("roles", "channels", "threads", "emojis", "stickers")) {
            ObjectNode byId = MAPPER.createObjectNode();
            copy.withArray(array).forEach(item -> byId.set(item.path("id").asText(), item));
            copy.set(array, byId);
        }
        return copy;
    }

    private void guildCreate(ObjectNode d) {
        String guildId = id(d);
        members.put(guildId, new HashMap<>());
        for (JsonNode member : d.withArray("members")) {
            upsertMember(guildId, ((ObjectNode) member).deepCopy());
        }
        CREATE_EXTRAS.forEach(d::remove);
        // GUILD_CREATE's channels and threads carry no guild_id; fill it from the parent (GATEWAY.md 11.1).
        d.withArray("channels").forEach(c -> ((ObjectNode) c).put("guild_id", guildId));
        d.withArray("threads").forEach(c -> ((ObjectNode) c).put("guild_id", guildId));
        guilds.put(guildId, d);
    }

    private void upsertMember(String guildId, ObjectNode member) {
        ObjectNode copy = member.deepCopy();
        ObjectNode user = (ObjectNode) copy.remove("user");
        users.put(id(user), user);
        known(members, guildId).put(id(user), copy);
    }

    private ObjectNode guild(ObjectNode d) {
        return known(guilds, text(d, "guild_id"));
    }

    private static void upsert(ArrayNode array, ObjectNode item) {
        for (int i = 0; i < array.size(); i++) {
            if (id(array.get(i)).equals(id(item))) {
                array.set(i, item);
                return;
            }
        }
        array.add(item);
    }

    private static void remove(ArrayNode array, String id) {
        for (Iterator<JsonNode> it = array.iterator(); it.hasNext(); ) {
            if (id(it.next()).equals(id)) {
                it.remove();
                return;
            }
        }
        throw new AssertionError("the event removes " + id + ", which the cache never saw");
    }

    /** The cached value; an event about something the cache never saw is a world bug. */
    static <V> V known(Map<String, V> map, String key) {
        V value = map.get(key);
        if (value == null) {
            throw new AssertionError("an event refers to " + key + ", which the cache never saw");
        }
        return value;
    }

    private static String id(JsonNode node) {
        return text(node, "id");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new AssertionError("missing string field " + field + " in " + node);
        }
        return value.asText();
    }

    private static ObjectNode parse(byte[] data) {
        try {
            return (ObjectNode) MAPPER.readTree(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
