package io.flotilla.fake.world;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Several shards' generators and the server's readers on one world at once: nothing breaks, ids stay unique,
 * and every guild still holds together afterwards (roles, parents and guild channels all exist).
 */
class WorldConcurrencyTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void shardsAndReadersShareTheWorld() throws Exception {
        World world = World.generate(new WorldOptions(17, 4, 2, 40, 8, 5));
        Set<String> messageIds = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int shard = 0; shard < 4; shard++) {
                EventGenerator events = world.events(shard, 4);
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        Dispatch dispatch = events.next();
                        if (dispatch.type().equals("MESSAGE_CREATE")) {
                            assertThat(messageIds.add(
                                            parse(dispatch.data()).path("id").asText()))
                                    .isTrue();
                        }
                    }
                }));
            }
            work.add(pool.submit(() -> {
                for (int round = 0; round < 50; round++) {
                    for (String guildId : world.guildIds()) {
                        parse(world.guildCreate(guildId, 33281 | 256, 50));
                        world.requestMembers(new MemberRequest(guildId, "", 0, List.of(), true, null))
                                .forEach(WorldConcurrencyTest::parse);
                    }
                }
            }));
            for (Future<?> future : work) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (String guildId : world.guildIds()) {
            assertHoldsTogether(parse(world.guildCreate(guildId, 33281 | 256, 250)));
        }
    }

    @Test
    void aSecondGeneratorForTheSameShardMakesNewIds() {
        World world = World.generate(WorldOptions.small(3));
        Set<String> ids = new HashSet<>();
        for (EventGenerator events : List.of(world.events(0, 2), world.events(0, 2), world.events(0, 3))) {
            for (int i = 0; i < 2000; i++) {
                Dispatch dispatch = events.next();
                if (dispatch.type().equals("MESSAGE_CREATE")) {
                    assertThat(ids.add(parse(dispatch.data()).path("id").asText()))
                            .isTrue();
                }
            }
        }
    }

    /** Every reference inside a GUILD_CREATE points at something that exists. */
    static void assertHoldsTogether(JsonNode guild) {
        Set<String> roles = ids(guild.path("roles"));
        Set<String> channels = ids(guild.path("channels"));
        for (JsonNode member : guild.path("members")) {
            member.path("roles").forEach(role -> assertThat(roles).contains(role.asText()));
        }
        for (JsonNode thread : guild.path("threads")) {
            assertThat(channels).contains(thread.path("parent_id").asText());
        }
        for (JsonNode channel : guild.path("channels")) {
            if (!channel.path("parent_id").isNull()) {
                assertThat(channels).contains(channel.path("parent_id").asText());
            }
        }
        for (String field : List.of("system_channel_id", "afk_channel_id", "rules_channel_id")) {
            if (!guild.path(field).isNull()) {
                assertThat(channels).as(field).contains(guild.path(field).asText());
            }
        }
        for (JsonNode voice : guild.path("voice_states")) {
            assertThat(channels).contains(voice.path("channel_id").asText());
        }
    }

    private static Set<String> ids(JsonNode array) {
        Set<String> ids = new HashSet<>();
        array.forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private static JsonNode parse(byte[] data) {
        try {
            return MAPPER.readTree(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
