package io.flotilla.fake.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Generating the world: determinism, the shard layout, shared users, speed. */
class WorldGenerationTest {

    @Test
    void sameOptionsGiveTheSameBytes() {
        WorldOptions options = WorldOptions.small(42);
        World first = World.generate(options);
        World second = World.generate(options);
        assertThat(second.guildIds()).isEqualTo(first.guildIds());
        assertThat(second.botUserJson()).isEqualTo(first.botUserJson());
        for (String id : first.guildIds()) {
            assertThat(second.guildCreate(id, 33281, 250)).isEqualTo(first.guildCreate(id, 33281, 250));
        }
        EventGenerator a = first.events(0, 2);
        EventGenerator b = second.events(0, 2);
        for (int i = 0; i < 2000; i++) {
            Dispatch x = a.next();
            Dispatch y = b.next();
            assertThat(y.type()).isEqualTo(x.type());
            assertThat(y.data()).isEqualTo(x.data());
        }
    }

    @Test
    void differentSeedsGiveDifferentWorlds() {
        World first = World.generate(WorldOptions.small(1));
        World second = World.generate(WorldOptions.small(2));
        assertThat(second.guildCreate(second.guildIds().get(0), 33281, 250))
                .isNotEqualTo(first.guildCreate(first.guildIds().get(0), 33281, 250));
    }

    @Test
    void eachShardOfTheLayoutGetsExactlyItsGuilds() {
        for (int shardCount : new int[] {1, 2, 3, 7, 16, 1000}) {
            World world = World.generate(new WorldOptions(5, shardCount, 2, 3, 2, 2));
            Set<String> seen = new HashSet<>();
            for (int shard = 0; shard < shardCount; shard++) {
                List<String> ids = world.guildIds(shard, shardCount);
                assertThat(ids).hasSize(2);
                for (String id : ids) {
                    assertThat((Long.parseUnsignedLong(id) >>> 22) % shardCount).isEqualTo(shard);
                }
                seen.addAll(ids);
            }
            assertThat(seen).containsExactlyInAnyOrderElementsOf(world.guildIds());
        }
    }

    @Test
    void otherShardCountsRouteEveryGuildOnce() {
        World world = World.generate(new WorldOptions(9, 4, 5, 3, 2, 2));
        for (int shardCount : new int[] {1, 3, 5, 8}) {
            List<String> all = new ArrayList<>();
            for (int shard = 0; shard < shardCount; shard++) {
                for (String id : world.guildIds(shard, shardCount)) {
                    assertThat((Long.parseUnsignedLong(id) >>> 22) % shardCount).isEqualTo(shard);
                    all.add(id);
                }
            }
            assertThat(all).containsExactlyInAnyOrderElementsOf(world.guildIds());
        }
    }

    @Test
    void guildIdsAreAscending() {
        World world = World.generate(new WorldOptions(3, 5, 3, 2, 2, 2));
        List<Long> ids = world.guildIds().stream().map(Long::parseUnsignedLong).toList();
        assertThat(ids).isSorted().doesNotHaveDuplicates().hasSize(15);
    }

    @Test
    void badShardIsRefused() {
        World world = World.generate(WorldOptions.small(1));
        assertThatThrownBy(() -> world.guildIds(2, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> world.events(-1, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void usersAreSharedBetweenGuilds() {
        World world = World.generate(new WorldOptions(4, 2, 3, 30, 4, 3));
        List<String> ids = world.guildIds();
        Set<String> first = new HashSet<>(world.members(ids.get(0)).keySet());
        long shared = ids.stream()
                .skip(1)
                .flatMap(id -> world.members(id).keySet().stream())
                .filter(first::contains)
                .filter(id -> !id.equals(world.botUserId()))
                .count();
        assertThat(shared).isPositive();
    }

    @Test
    void bigLayoutsGenerateQuickly() {
        World many = World.generate(new WorldOptions(1, 1000, 1, 50, 6, 4));
        assertThat(many.guildIds()).hasSize(1000);
        World large = World.generate(new WorldOptions(1, 2, 1, 5000, 6, 4));
        assertThat(large.members(large.guildIds().get(0))).hasSize(5000);
    }
}
