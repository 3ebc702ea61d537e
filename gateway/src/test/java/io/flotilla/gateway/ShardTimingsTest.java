package io.flotilla.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The send budget's split between commands and receipt beats (GATEWAY.md section 6: 120 payloads per 60 s). */
class ShardTimingsTest {
    @Test
    void receiptBeatsTakeTheirSlotsFromTheCommands() {
        ShardTimings defaults = ShardTimings.defaults();
        assertThat(defaults.receiptInterval()).isEqualTo(Duration.ofSeconds(5));
        // One per 5 s: 12 in 60 s, 13 when a window starts on a beat.
        assertThat(defaults.receiptBeatsPerWindow()).isEqualTo(13);
        assertThat(defaults.commandSlots()).isEqualTo(97);
        assertThat(defaults.withReceiptInterval(Duration.ofSeconds(2)).commandSlots())
                .isEqualTo(110 - 31);
        assertThat(defaults.withSendWindow(Duration.ofSeconds(1)).commandSlots())
                .as("a test's 1 s window holds one receipt beat")
                .isEqualTo(109);
    }

    @Test
    void aReceiptIntervalThatLeavesCommandsNoSlotIsRefused() {
        ShardTimings defaults = ShardTimings.defaults();
        assertThatThrownBy(() -> defaults.withReceiptInterval(Duration.ZERO)).hasMessageContaining("positive");
        assertThatThrownBy(() -> defaults.withReceiptInterval(Duration.ofMillis(500)))
                .hasMessageContaining("leaves no slot for commands")
                .hasMessageContaining("receiptInterval");
    }
}
