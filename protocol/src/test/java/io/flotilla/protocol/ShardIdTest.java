package io.flotilla.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShardIdTest {
    @Test
    void validatesIdAndTotal() {
        assertThatThrownBy(() -> new ShardId(0, 0)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new ShardId(3, 3)).hasMessageContaining("[0, 3)");
        assertThatThrownBy(() -> new ShardId(-1, 3)).hasMessageContaining("got -1");
        assertThat(new ShardId(2, 3)).hasToString("[2, 3]");
    }

    @Test
    void bucketIsIdModuloConcurrency() {
        assertThat(new ShardId(17, 32).bucket(16)).isEqualTo(1);
        assertThat(new ShardId(5, 32).bucket(1)).isZero();
    }

    @Test
    void routesGuildsWithUnsignedShift() {
        long guild = Snowflake.parse("197038439483310086");
        assertThat(Snowflake.shardOf(guild, 1)).isZero();
        assertThat(Snowflake.shardOf(guild, 16)).isEqualTo((int) ((guild >> 22) % 16));
        // Top bit set: signed >> would give a negative shard.
        long huge = Snowflake.parse("18446744073709551615");
        assertThat(huge).isNegative();
        assertThat(Snowflake.shardOf(huge, 7)).isEqualTo((int) ((0xFFFFFFFFFFFFFFFFL >>> 22) % 7));
        assertThat(Snowflake.shardOf(huge, 7)).isBetween(0, 6);
        assertThat(new ShardId(Snowflake.shardOf(huge, 7), 7).owns(huge)).isTrue();
    }

    @Test
    void parsesOnlyDecimalSnowflakes() {
        assertThatThrownBy(() -> Snowflake.parse("abc")).hasMessageContaining("'abc'");
        assertThat(Snowflake.timestampMillis(175928847299117063L)).isEqualTo(1462015105796L);
    }
}
