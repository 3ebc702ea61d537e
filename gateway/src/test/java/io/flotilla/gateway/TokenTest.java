package io.flotilla.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flotilla.protocol.Intents;
import io.flotilla.protocol.ShardId;
import io.flotilla.protocol.compress.Compression;
import java.net.URI;
import org.junit.jupiter.api.Test;

class TokenTest {
    @Test
    void neverShowsTheSecret() {
        Token token = new Token("Bot MTIzNDU2.secret");
        assertThat(token.value()).isEqualTo("MTIzNDU2.secret");
        assertThat(token.toString()).doesNotContain("secret").doesNotContain("MTIz");
        ShardConfig config = ShardConfig.of(token, new ShardId(0, 1), Intents.of(1), URI.create("ws://127.0.0.1:1"));
        assertThat(config.toString()).doesNotContain("secret");
        assertThatThrownBy(() -> new Token(" ")).hasMessageContaining("BOT_TOKEN");
    }

    @Test
    void connectUrlsCarryTheSameQueryOnEveryUrl() {
        assertThat(GatewayUrls.connectUri("wss://gateway.discord.gg", Compression.ZLIB_STREAM))
                .hasToString("wss://gateway.discord.gg:443/?v=10&encoding=json&compress=zlib-stream");
        assertThat(GatewayUrls.connectUri("ws://127.0.0.1:9000/resume?old=1", Compression.NONE))
                .hasToString("ws://127.0.0.1:9000/resume?v=10&encoding=json");
        assertThat(GatewayUrls.connectUri("ws://127.0.0.1:9000/", Compression.ZSTD_STREAM)
                        .getQuery())
                .endsWith("compress=zstd-stream");
        assertThatThrownBy(
                        () -> ShardConfig.of(new Token("t"), new ShardId(0, 1), Intents.of(1), URI.create("http://x")))
                .hasMessageContaining("ws:// or wss://");
    }
}
