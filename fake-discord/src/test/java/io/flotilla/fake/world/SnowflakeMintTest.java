package io.flotilla.fake.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Snowflake layout (GATEWAY.md sections 8 and 12) and Discord-style timestamps. */
class SnowflakeMintTest {

    @Test
    void composesTheDocumentedLayout() {
        long id = SnowflakeMint.compose(SnowflakeMint.DISCORD_EPOCH_MS + 1000, 0b10101_00011, 7);
        assertThat(id).isEqualTo((1000L << 22) | (0b10101L << 17) | (0b00011L << 12) | 7);
        assertThat(SnowflakeMint.timestampMs(id)).isEqualTo(SnowflakeMint.DISCORD_EPOCH_MS + 1000);
        assertThat(SnowflakeMint.shardOf(id, 16)).isEqualTo((int) (1000 % 16));
    }

    @Test
    void manyIdsInOneMillisecondStayUnique() {
        SnowflakeMint mint = new SnowflakeMint(5);
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(ids.add(mint.mint(IsoTime.WORLD_START_MS))).isTrue();
        }
    }

    @Test
    void timestampsLookLikeDiscords() {
        assertThat(IsoTime.of(IsoTime.WORLD_START_MS + 5)).isEqualTo("2026-06-01T12:00:00.005000+00:00");
        DateTimeFormatter reference =
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            long ms = random.nextLong(0, 4_102_444_800_000L);
            assertThat(IsoTime.of(ms)).isEqualTo(reference.format(Instant.ofEpochMilli(ms)));
        }
    }
}
