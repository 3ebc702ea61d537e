package io.flotilla.fake.world;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which members and presences GUILD_CREATE carries for a session's intents (GATEWAY.md section 11.1). */
class GuildCreateMembersTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int GUILDS_AND_MESSAGES = 1 | 512 | 32768;
    private static final int WITH_PRESENCES = GUILDS_AND_MESSAGES | 256 | 2;

    private final World world = World.generate(new WorldOptions(21, 1, 1, 300, 8, 5));
    private final String guildId = world.guildIds().get(0);

    @Test
    void withoutPresencesOnlyTheBotAndVoiceMembersComeAlong() throws IOException {
        JsonNode guild = MAPPER.readTree(world.guildCreate(guildId, GUILDS_AND_MESSAGES, 250));
        Set<String> inVoice = ids(guild.path("voice_states"), "user_id");
        Set<String> expected = new HashSet<>(inVoice);
        expected.add(world.botUserId());
        assertThat(ids(guild.path("members"))).isEqualTo(expected);
        assertThat(inVoice).as("the layout puts a few members in voice").isNotEmpty();
        assertThat(guild.path("presences").size()).isZero();
        assertThat(guild.path("member_count").asInt()).isEqualTo(300);
        assertThat(guild.path("large").asBoolean()).isTrue();
    }

    @Test
    void largeGuildsWithPresencesSendOnlyTheInterestingMembers() throws IOException {
        JsonNode guild = MAPPER.readTree(world.guildCreate(guildId, WITH_PRESENCES, 250));
        Set<String> online = new HashSet<>();
        for (JsonNode presence : guild.path("presences")) {
            assertThat(presence.path("status").asText()).isNotEqualTo("offline");
            online.add(presence.path("user").path("id").asText());
        }
        Set<String> inVoice = ids(guild.path("voice_states"), "user_id");
        Set<String> included = ids(guild.path("members"));
        assertThat(included).hasSizeLessThan(300).contains(world.botUserId());
        for (Map.Entry<String, ObjectNode> entry : world.members(guildId).entrySet()) {
            ObjectNode member = entry.getValue();
            boolean interesting = online.contains(entry.getKey())
                    || inVoice.contains(entry.getKey())
                    || !member.path("roles").isEmpty()
                    || !member.path("nick").isNull()
                    || entry.getKey().equals(world.botUserId());
            assertThat(included.contains(entry.getKey()))
                    .as("member %s", entry.getKey())
                    .isEqualTo(interesting);
        }
    }

    @Test
    void smallGuildsWithPresencesSendEveryone() throws IOException {
        World small = World.generate(new WorldOptions(21, 1, 1, 40, 8, 5));
        String id = small.guildIds().get(0);
        JsonNode guild = MAPPER.readTree(small.guildCreate(id, WITH_PRESENCES, 50));
        assertThat(ids(guild.path("members"))).isEqualTo(small.members(id).keySet());
        assertThat(guild.path("large").asBoolean()).isFalse();
        assertThat(guild.path("presences").size()).isPositive();
    }

    private static Set<String> ids(JsonNode members) {
        Set<String> ids = new HashSet<>();
        members.forEach(member -> ids.add(member.path("user").path("id").asText()));
        return ids;
    }

    private static Set<String> ids(JsonNode array, String field) {
        Set<String> ids = new HashSet<>();
        array.forEach(item -> ids.add(item.path(field).asText()));
        return ids;
    }
}
