package io.flotilla.fake.world;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The consistency rule: a cache that applies every event literally ends exactly at the world's snapshot.
 */
class EventConsistencyTest {

    private static final int ALL_INTENTS = 53608447;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void aLiteralCacheEndsAtTheWorldSnapshot() throws IOException {
        World world = World.generate(WorldOptions.small(11));
        LiteralCache cache = new LiteralCache();
        for (String guildId : world.guildIds()) {
            cache.apply("GUILD_CREATE", world.guildCreate(guildId, ALL_INTENTS, 250));
        }
        EventGenerator[] shards = {world.events(0, 2), world.events(1, 2)};
        Set<EventKind> seen = EnumSet.noneOf(EventKind.class);
        for (int i = 0; i < 20_000; i++) {
            Dispatch dispatch = shards[i % 2].next();
            seen.add(EventKind.valueOf(dispatch.type()));
            cache.apply(dispatch.type(), dispatch.data());
        }
        assertThat(seen).containsExactlyInAnyOrder(EventKind.values());
        for (String guildId : world.guildIds()) {
            ObjectNode snapshot = world.guild(guildId).orElseThrow();
            assertThat(LiteralCache.canonical(LiteralCache.known(cache.guilds, guildId)))
                    .as("guild %s", guildId)
                    .isEqualTo(LiteralCache.canonical(snapshot));
            Map<String, ObjectNode> members = world.members(guildId);
            assertThat(cache.membersWithUsers(guildId))
                    .as("members of %s", guildId)
                    .isEqualTo(members);
        }
        for (String guildId : world.guildIds()) {
            WorldConcurrencyTest.assertHoldsTogether(MAPPER.readTree(world.guildCreate(guildId, ALL_INTENTS, 250)));
        }
        cache.users.forEach((userId, user) -> assertThat(user)
                .as("user %s", userId)
                .isEqualTo(world.user(userId).orElseThrow()));
    }

    @Test
    void theWorldReallyChanges() {
        World world = World.generate(WorldOptions.small(12));
        String guildId = world.guildIds(0, 2).get(0);
        ObjectNode before = world.guild(guildId).orElseThrow();
        Map<String, ObjectNode> membersBefore = world.members(guildId);
        EventGenerator events = world.events(0, 2);
        for (int i = 0; i < 20_000; i++) {
            events.next();
        }
        assertThat(world.guild(guildId).orElseThrow()).isNotEqualTo(before);
        assertThat(world.members(guildId)).isNotEqualTo(membersBefore);
    }
}
