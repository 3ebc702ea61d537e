package io.flotilla.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.protocol.Intents;
import io.flotilla.protocol.ShardId;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Fatal close codes stop the shard (FAILED) with the cause and the fix, and never reconnect. */
class FatalCloseIT {
    @ParameterizedTest
    @CsvSource({
        "4004, BOT_TOKEN",
        "4010, shard count",
        "4011, shard count",
        "4012, v=10",
        "4013, intents",
        "4014, Developer Portal"
    })
    void fatalCodesFailTheShardWithoutRetry(int code, String fix) throws Exception {
        try (FakeGatewayHarness h = new FakeGatewayHarness()) {
            Shard shard = h.ready(0);
            h.fake.shard(0).close(code);
            assertThat(shard.terminated().get(20, java.util.concurrent.TimeUnit.SECONDS))
                    .isEqualTo(ShardState.FAILED);
            assertThat(shard.failure()).contains(Integer.toString(code)).contains(fix);
            // Long enough for a (wrong) reconnect to show up: the backoff base is 50 ms.
            await().during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> h.fake.log().connections().size() == 1);
            assertThat(h.fake.log().identifies()).hasSize(1);
        }
    }

    @Test
    void aRejectedTokenFailsOnTheFirstIdentify() throws Exception {
        try (FakeGatewayHarness h = new FakeGatewayHarness()) {
            Shard shard = h.shard(new ShardConfig(
                    new Token("wrong-token"),
                    new ShardId(0, 2),
                    Intents.of(Intents.GUILDS),
                    h.fake.gatewayUrl(),
                    io.flotilla.protocol.compress.Compression.ZLIB_STREAM,
                    "flotilla",
                    250,
                    null,
                    h.timings()));
            shard.start();
            assertThat(shard.terminated().get(20, java.util.concurrent.TimeUnit.SECONDS))
                    .isEqualTo(ShardState.FAILED);
            assertThat(shard.failure())
                    .contains("4004")
                    .contains("token was rejected")
                    .contains("BOT_TOKEN");
            assertThat(shard.failure()).doesNotContain("wrong-token");
            assertThat(h.fake.log().connections()).hasSize(1);
        }
    }

    @Test
    void anUnknownIntentBitFailsWith4013() throws Exception {
        try (FakeGatewayHarness h = new FakeGatewayHarness()) {
            Shard shard = h.shard(new ShardConfig(
                    new Token(h.fake.config().token()),
                    new ShardId(0, 2),
                    new Intents(Intents.KNOWN | (1L << 18)),
                    h.fake.gatewayUrl(),
                    io.flotilla.protocol.compress.Compression.NONE,
                    "flotilla",
                    250,
                    null,
                    h.timings()));
            shard.start();
            assertThat(shard.terminated().get(20, java.util.concurrent.TimeUnit.SECONDS))
                    .isEqualTo(ShardState.FAILED);
            assertThat(shard.failure()).contains("4013");
        }
    }
}
