package io.flotilla.fake.world;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The answers to op 31 (SOUNDBOARD_SOUNDS) and op 43 (CHANNEL_INFO), GATEWAY.md section 7. */
class GuildRequestsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final World world = World.generate(new WorldOptions(2, 2, 4, 60, 9, 4));

    @Test
    void soundboardSoundsListTheGuildsSounds() throws IOException {
        int sounds = 0;
        for (String guildId : world.guildIds()) {
            JsonNode answer = MAPPER.readTree(world.soundboardSounds(guildId));
            assertThat(answer.path("guild_id").asText()).isEqualTo(guildId);
            assertThat(answer.path("soundboard_sounds").isArray()).isTrue();
            for (JsonNode sound : answer.path("soundboard_sounds")) {
                assertThat(sound.path("sound_id").isTextual()).isTrue();
                assertThat(sound.path("guild_id").asText()).isEqualTo(guildId);
                sounds++;
            }
            JsonNode create = MAPPER.readTree(world.guildCreate(guildId, 1, 50));
            assertThat(create.path("soundboard_sounds")).isEqualTo(answer.path("soundboard_sounds"));
        }
        assertThat(sounds).as("some guilds have sounds").isPositive();
    }

    @Test
    void channelInfoListsVoiceChannelsWithTheirCallStart() throws IOException {
        boolean sawStart = false;
        for (String guildId : world.guildIds()) {
            JsonNode answer = MAPPER.readTree(world.channelInfo(guildId));
            assertThat(answer.path("guild_id").asText()).isEqualTo(guildId);
            JsonNode create = MAPPER.readTree(world.guildCreate(guildId, 1, 50));
            List<String> voice = create.path("channels")
                    .valueStream()
                    .filter(c -> c.path("type").asInt() == 2)
                    .map(c -> c.path("id").asText())
                    .toList();
            assertThat(answer.path("channels")
                            .valueStream()
                            .map(c -> c.path("id").asText()))
                    .containsExactlyElementsOf(voice);
            for (JsonNode channel : answer.path("channels")) {
                if (channel.has("voice_start_time")) {
                    sawStart = true;
                    assertThat(channel.path("voice_start_time").asLong()).isBetween(1_700_000_000L, 1_800_000_000L);
                }
            }
        }
        assertThat(sawStart).as("someone sits in voice somewhere").isTrue();
    }

    @Test
    void unknownGuildsGetEmptyAnswersNotErrors() throws IOException {
        assertThat(MAPPER.readTree(world.soundboardSounds("12345"))
                        .path("soundboard_sounds")
                        .size())
                .isZero();
        assertThat(MAPPER.readTree(world.channelInfo("x")).path("guild_id").asText())
                .isEqualTo("x");
        assertThat(world.requestMembers(new MemberRequest("x", "", 0, List.of(), false, null)))
                .isEmpty();
    }
}
