package io.flotilla.fake;

import java.time.Duration;

/** Shared settings for the integration tests: short timings so the suite stays fast. */
final class FakeDiscordTests {

    static final String TOKEN = "test-token-abc";
    /** GUILDS | GUILD_MEMBERS | GUILD_MESSAGES | MESSAGE_CONTENT and the rest of the common ones. */
    static final int INTENTS = 53608447;

    private FakeDiscordTests() {}

    static FakeDiscordConfigBuilder fast() {
        return FakeDiscordConfig.builder()
                .token(TOKEN)
                .seed(7)
                .heartbeatInterval(Duration.ofMillis(1000))
                .identifyWindow(Duration.ofMillis(200))
                .sessionRetention(Duration.ofSeconds(2))
                .reconnectCloseDelay(Duration.ofMillis(300))
                .ioThreads(2);
    }
}
