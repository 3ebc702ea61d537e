package io.flotilla.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShardRoutingTest {

    @Test
    void routesByTheTimestampBitsOfTheGuildId() {
        // A real guild id, checked against the rule written out by hand.
        long guild = 197038439483310086L;
        assertThat(ShardRouting.shardOf(Long.toString(guild), 16)).isEqualTo((int) ((guild >> 22) % 16));
        assertThat(ShardRouting.shardOf((5L << 22) + 12345, 4)).isEqualTo(1);
    }

    @Test
    void usesUnsignedMathsForIdsAboveLongMax() {
        String huge = Long.toUnsignedString(-1L); // 18446744073709551615
        assertThat(ShardRouting.shardOf(huge, 7)).isEqualTo((int) ((-1L >>> 22) % 7));
    }

    @Test
    void refusesJunkAndImpossibleTotals() {
        assertThatThrownBy(() -> ShardRouting.shardOf("abc", 2)).hasMessageContaining("not a snowflake");
        assertThatThrownBy(() -> ShardRouting.shardOf(1L, 0)).hasMessageContaining("at least 1");
    }
}
