package io.flotilla.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainFlagsTest {

    private static FakeDiscordConfig config(String... args) {
        return MainFlags.config(MainFlags.parse(args, Map.of()));
    }

    @Test
    void everyBadValueNamesItsFlag() {
        assertThatThrownBy(() -> config("--shards", "two")).hasMessage("--shards: \"two\" is not a whole number");
        assertThatThrownBy(() -> config("--shards", "0")).hasMessageStartingWith("--shards: must be between 1");
        assertThatThrownBy(() -> config("--seed", "x")).hasMessageStartingWith("--seed:");
        assertThatThrownBy(() -> config("--rate", "-1")).hasMessageStartingWith("--rate:");
        assertThatThrownBy(() -> config("--record-dispatches", "no"))
                .hasMessage("--record-dispatches: \"no\" is not true or false");
        assertThatThrownBy(() -> config("--retention-ms", "-5"))
                .hasMessage("--retention-ms: must be at least 0 ms, was -5 ms");
        assertThatThrownBy(() -> MainFlags.chaosInterval(Map.of("chaos-ms", "soon")))
                .hasMessageStartingWith("--chaos-ms:");
    }

    @Test
    void flagsAndEnvironmentReachTheConfig() {
        FakeDiscordConfig config = MainFlags.config(MainFlags.parse(
                new String[] {"--record-dispatches=false", "--heartbeat-ms", "500"},
                Map.of("FAKE_DISCORD_SHARDS", "4")));

        assertThat(config.recordDispatches()).isFalse();
        assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.world().shardCount()).isEqualTo(4);
        assertThat(config("--port", "0").recordDispatches()).isTrue();
    }
}
