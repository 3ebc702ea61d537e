package io.flotilla.fake.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Outages (GATEWAY.md sections 11.1 and 11.2) and shards with nothing to talk about. */
class OutageTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final World world = World.generate(WorldOptions.small(5));
    private final List<String> shardGuilds = world.guildIds(0, 2);
    private final String down = shardGuilds.get(0);

    @Test
    void aGuildInAnOutageIsUnavailableAndGetsNoEvents() throws IOException {
        Dispatch delete = world.startOutage(down);
        assertThat(delete.type()).isEqualTo("GUILD_DELETE");
        assertThat(delete.requiredIntents()).isEqualTo(1);
        JsonNode d = MAPPER.readTree(delete.data());
        assertThat(d.path("id").asText()).isEqualTo(down);
        assertThat(d.path("unavailable").asBoolean()).isTrue();
        JsonNode create = MAPPER.readTree(world.guildCreate(down, 33281, 250));
        assertThat(create.size()).isEqualTo(2);
        assertThat(create.path("unavailable").asBoolean()).isTrue();
        assertThat(world.guild(down))
                .as("a cache keeps the guild through an outage")
                .isPresent();

        EventGenerator events = world.events(0, 2);
        for (int i = 0; i < 3000; i++) {
            JsonNode event = MAPPER.readTree(events.next().data());
            assertThat(event.path("guild_id").asText(event.path("id").asText())).isNotEqualTo(down);
        }
    }

    @Test
    void theEndOfAnOutageAnnouncesTheWholeGuild() throws IOException {
        world.startOutage(down);
        Dispatch create = world.endOutage(down, 33281 | 256, 250);
        assertThat(create.type()).isEqualTo("GUILD_CREATE");
        JsonNode d = MAPPER.readTree(create.data());
        assertThat(d.path("unavailable").asBoolean(true)).isFalse();
        assertThat(d.path("members").size()).isEqualTo(20);
        assertThat(d.path("channels").size()).isPositive();
    }

    @Test
    void aShardWhoseGuildsAreAllDownHasNothingToSay() {
        EventGenerator events = world.events(0, 2);
        shardGuilds.forEach(world::startOutage);
        assertThat(events.hasGuilds()).isFalse();
        assertThatThrownBy(events::next)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("hasGuilds");
        world.endOutage(shardGuilds.get(1), 1, 50);
        assertThat(events.hasGuilds()).isTrue();
        for (int i = 0; i < 200; i++) {
            assertThat(events.next().data()).isNotEmpty();
        }
    }

    @Test
    void aShardWithoutGuildsHasNothingToSay() {
        World empty = World.generate(new WorldOptions(1, 1, 0, 5, 3, 2));
        assertThat(empty.guildIds()).isEmpty();
        EventGenerator events = empty.events(0, 1);
        assertThat(events.hasGuilds()).isFalse();
        assertThatThrownBy(events::next).isInstanceOf(IllegalStateException.class);
        // Another shard count can leave a shard empty too.
        assertThat(world.events(5, 7).hasGuilds())
                .isEqualTo(!world.guildIds(5, 7).isEmpty());
    }

    @Test
    void unknownGuildsAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> world.guildCreate("123", 1, 50))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("123");
        assertThatThrownBy(() -> world.startOutage("nope")).isInstanceOf(IllegalArgumentException.class);
        assertThat(world.guild("123")).isEmpty();
        assertThat(world.members("123")).isEmpty();
        assertThat(world.user("123")).isEmpty();
    }
}
