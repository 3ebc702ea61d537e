package io.flotilla.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flotilla.fake.FakeDiscord;
import io.flotilla.fake.FakeDiscordConfig;
import io.flotilla.gateway.Token;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GatewayBotClientIT {
    @Test
    void readsUrlShardsAndSessionStartLimitFromTheFake() throws Exception {
        try (FakeDiscord fake = FakeDiscord.start(FakeDiscordConfig.builder()
                .shardCount(12)
                .maxConcurrency(4)
                .sessionStartLimit(900)
                .build())) {
            GatewayBot bot = new GatewayBotClient(
                            fake.apiUrl(), new Token(fake.config().token()), Duration.ofSeconds(5))
                    .fetch();
            assertThat(bot.url()).isEqualTo(fake.gatewayUrl());
            assertThat(bot.shards()).isEqualTo(12);
            assertThat(bot.maxConcurrency()).isEqualTo(4);
            assertThat(bot.total()).isEqualTo(900);
            assertThat(bot.remaining()).isBetween(1, 900);
        }
    }

    @Test
    void aRejectedTokenIsFatalWithAClearMessage() {
        try (FakeDiscord fake = FakeDiscord.start(FakeDiscordConfig.builder().build())) {
            GatewayBotClient client = new GatewayBotClient(fake.apiUrl(), new Token("wrong"), Duration.ofSeconds(5));
            assertThatThrownBy(client::fetch)
                    .isInstanceOf(FatalNodeException.class)
                    .hasMessageContaining("the bot token was rejected (401)")
                    .hasMessageContaining("BOT_TOKEN")
                    .hasMessageNotContaining("wrong");
        }
    }

    @Test
    void anApiUrlWithoutItsVersionIsNamedAsTheLikelyCause() {
        try (FakeDiscord fake = FakeDiscord.start(FakeDiscordConfig.builder().build())) {
            URI root = URI.create(fake.apiUrl().toString().replace("/api/v10", ""));
            GatewayBotClient client =
                    new GatewayBotClient(root, new Token(fake.config().token()), Duration.ofSeconds(5));
            assertThatThrownBy(client::fetch)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("answered 404")
                    .hasMessageContaining("DISCORD_API_URL must be the API's base with its version");
        }
    }

    @Test
    void noAnswerIsRetryableNotFatal() {
        GatewayBotClient client =
                new GatewayBotClient(URI.create("http://127.0.0.1:9/api/v10"), new Token("t"), Duration.ofSeconds(2));
        assertThatThrownBy(client::fetch).isInstanceOf(IOException.class);
    }
}
