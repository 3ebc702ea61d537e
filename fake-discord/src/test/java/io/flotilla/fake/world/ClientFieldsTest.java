package io.flotilla.fake.world;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fields JDA and discord.js need (CLIENT-REQUIREMENTS.md sections 1 and 3) are all there. */
class ClientFieldsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int JDA_INTENTS = 33281;

    private final World world = World.generate(WorldOptions.small(7));

    @Test
    void botUserHasWhatUsersAtMeNeeds() throws IOException {
        JsonNode bot = MAPPER.readTree(world.botUserJson());
        assertThat(bot.path("id").asText()).isEqualTo(world.botUserId());
        assertThat(bot.path("username").isTextual()).isTrue();
        assertThat(bot.path("bot").asBoolean()).isTrue();
        assertThat(bot.path("discriminator").asText()).isEqualTo("0");
        assertThat(world.applicationId()).isNotBlank();
    }

    @Test
    void guildCreateHasEveryFieldJdaRequires() throws IOException {
        for (String guildId : world.guildIds()) {
            JsonNode guild = MAPPER.readTree(world.guildCreate(guildId, JDA_INTENTS, 250));
            assertThat(guild.path("id").asText()).isEqualTo(guildId);
            assertThat(guild.path("member_count").isInt()).isTrue();
            for (String array : new String[] {
                "members",
                "roles",
                "channels",
                "threads",
                "emojis",
                "voice_states",
                "guild_scheduled_events",
                "stickers",
                "soundboard_sounds",
                "presences",
                "stage_instances",
                "features"
            }) {
                assertThat(guild.path(array).isArray()).as(array).isTrue();
            }
            assertThat(guild.path("unavailable").asBoolean(true)).isFalse();
            assertThat(guild.path("joined_at").isTextual()).isTrue();
            assertThat(guild.path("large").isBoolean()).isTrue();
            assertRoles(guild);
            assertChannels(guild);
            assertBotMember(guild);
            for (JsonNode thread : guild.path("threads")) {
                assertThat(thread.path("type").asInt()).isEqualTo(11);
                assertThat(thread.has("guild_id")).isFalse();
                assertThat(thread.path("parent_id").isTextual()).isTrue();
                assertThat(thread.path("thread_metadata").isObject()).isTrue();
                if (thread.has("member")) {
                    assertThat(thread.path("member").has("id")).isFalse();
                    assertThat(thread.path("member").has("user_id")).isFalse();
                }
            }
            for (JsonNode voice : guild.path("voice_states")) {
                assertThat(voice.has("guild_id")).isFalse();
            }
        }
    }

    private static void assertRoles(JsonNode guild) {
        assertThat(guild.path("roles").size()).isPositive();
        boolean everyone = false;
        for (JsonNode role : guild.path("roles")) {
            assertThat(role.path("id").isTextual()).isTrue();
            assertThat(role.path("name").isTextual()).isTrue();
            assertThat(role.path("position").isInt()).isTrue();
            assertThat(role.path("permissions").isTextual())
                    .as("permissions is a string")
                    .isTrue();
            assertThat(role.path("colors").path("primary_color").isInt()).isTrue();
            everyone |= role.path("id").asText().equals(guild.path("id").asText());
        }
        assertThat(everyone).as("@everyone has the guild's id").isTrue();
    }

    private static void assertChannels(JsonNode guild) {
        assertThat(guild.path("channels").size()).isPositive();
        for (JsonNode channel : guild.path("channels")) {
            assertThat(channel.path("id").isTextual()).isTrue();
            assertThat(channel.path("type").isInt()).isTrue();
            assertThat(channel.path("name").isTextual()).isTrue();
            assertThat(channel.path("position").isInt()).isTrue();
            assertThat(channel.has("guild_id"))
                    .as("no guild_id inside GUILD_CREATE")
                    .isFalse();
            assertThat(channel.has("last_message_id")).isFalse();
        }
    }

    private void assertBotMember(JsonNode guild) {
        boolean found = false;
        for (JsonNode member : guild.path("members")) {
            JsonNode user = member.path("user");
            assertThat(user.path("id").isTextual()).isTrue();
            assertThat(user.path("username").isTextual()).isTrue();
            assertThat(member.path("roles").isArray()).isTrue();
            if (user.path("id").asText().equals(world.botUserId())) {
                found = true;
                assertThat(user.path("bot").asBoolean()).isTrue();
            }
        }
        assertThat(found).as("the bot's own member").isTrue();
    }

    @Test
    void messageCreateHasEveryFieldJdaRequires() throws IOException {
        Set<String> channels = new HashSet<>();
        for (String guildId : world.guildIds(0, 2)) {
            JsonNode guild = MAPPER.readTree(world.guildCreate(guildId, JDA_INTENTS, 250));
            guild.path("channels").forEach(c -> channels.add(c.path("id").asText()));
        }
        EventGenerator events = world.events(0, 2);
        int messages = 0;
        for (int i = 0; i < 3000; i++) {
            Dispatch dispatch = events.next();
            // The channel must be one the client knows: from GUILD_CREATE or a later CHANNEL_CREATE.
            if (dispatch.type().equals("CHANNEL_CREATE")) {
                channels.add(MAPPER.readTree(dispatch.data()).path("id").asText());
            } else if (dispatch.type().equals("CHANNEL_DELETE")) {
                channels.remove(MAPPER.readTree(dispatch.data()).path("id").asText());
            }
            if (!dispatch.type().equals("MESSAGE_CREATE")) {
                continue;
            }
            messages++;
            ObjectNode message = (ObjectNode) MAPPER.readTree(dispatch.data());
            assertThat(dispatch.requiredIntents()).isEqualTo(512);
            assertThat(message.path("id").isTextual()).isTrue();
            assertThat(message.path("type").asInt(-1)).isZero();
            assertThat(channels).contains(message.path("channel_id").asText());
            assertThat(message.path("author").path("id").isTextual()).isTrue();
            assertThat(message.path("author").path("username").isTextual()).isTrue();
            assertThat(message.path("mentions").isArray()).isTrue();
            assertThat(message.path("mention_roles").isArray()).isTrue();
            assertThat(message.path("member").has("user")).isFalse();
            assertThat(message.path("edited_timestamp").isNull()).isTrue();
            for (String array : new String[] {"attachments", "embeds", "components"}) {
                assertThat(message.path(array).isArray()).as(array).isTrue();
            }
        }
        assertThat(messages).isGreaterThan(1500);
    }
}
