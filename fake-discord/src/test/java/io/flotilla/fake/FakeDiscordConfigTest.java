package io.flotilla.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FakeDiscordConfigTest {

    @Test
    void defaultsFollowRealDiscord() {
        FakeDiscordConfig config = FakeDiscordConfig.builder().build();

        assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofMillis(41_250));
        assertThat(config.missedHeartbeatTimeout()).isEqualTo(Duration.ofMillis(61_875));
        assertThat(config.identifyWindow()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.sendLimit()).isEqualTo(120);
        assertThat(config.maxPayloadBytes()).isEqualTo(4096);
        assertThat(config.guildCap()).isEqualTo(2500);
    }

    @Test
    void toStringMasksTheToken() {
        FakeDiscordConfig config =
                FakeDiscordConfig.builder().token("secret-token-123").build();

        assertThat(config.toString()).doesNotContain("secret-token-123").contains("secr****");
    }

    @Test
    void refusesBadValuesNamingTheSetting() {
        assertThatThrownBy(() ->
                        FakeDiscordConfig.builder().sessionBufferSize(1000).build())
                .hasMessageContaining("sessionBufferSize");
        assertThatThrownBy(() -> FakeDiscordConfig.builder().token(" ").build()).hasMessageContaining("token");
        assertThatThrownBy(() -> FakeDiscordConfig.builder()
                        .heartbeatInterval(Duration.ofSeconds(2))
                        .missedHeartbeatTimeout(Duration.ofSeconds(1))
                        .build())
                .hasMessageContaining("missedHeartbeatTimeout");
        assertThatThrownBy(() -> FakeDiscordConfig.builder().grantedIntents(1).build())
                .hasMessageContaining("grantedIntents");
        assertThatThrownBy(() ->
                        FakeDiscordConfig.builder().eventsPerSecondPerShard(-1).build())
                .hasMessageContaining("eventsPerSecondPerShard");
        assertThatThrownBy(() -> FakeDiscordConfig.builder().replayPool(-1).build())
                .hasMessageContaining("replayPool");
    }
}
