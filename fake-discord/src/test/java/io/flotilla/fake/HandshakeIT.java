package io.flotilla.fake;

import static io.flotilla.fake.FakeDiscordTests.INTENTS;
import static io.flotilla.fake.FakeDiscordTests.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The upgrade and HELLO: query checks (v, encoding, compress), HELLO first, ACKs and frames before HELLO. */
class HandshakeIT {

    @Test
    void helloComesFirstWithTheConfiguredInterval() {
        try (FakeDiscord fake = FakeDiscord.start(FakeDiscordTests.fast().build());
                TestGatewayClient client = TestGatewayClient.connect(fake)) {
            JsonNode hello = client.next();

            assertThat(hello.path("op").asInt()).isEqualTo(10);
            assertThat(hello.path("d").path("heartbeat_interval").asInt()).isEqualTo(1000);
            assertThat(hello.path("s").isNull()).isTrue();
            assertThat(client.textFrames.get()).isEqualTo(1);
        }
    }

    @Test
    void heartbeatIsAcknowledgedBeforeIdentify() {
        FakeDiscord.run(FakeDiscordTests.fast().build(), fake -> {
            try (TestGatewayClient client = TestGatewayClient.connect(fake)) {
                client.awaitOp(10);
                client.send("{\"op\":1,\"d\":null}");

                assertThat(client.next().path("op").asInt()).isEqualTo(11);
            }
        });
    }

    @Test
    void identifySentBeforeHelloIsHandledAfterIt() {
        FakeDiscordConfig config =
                FakeDiscordTests.fast().helloDelay(Duration.ofMillis(300)).build();
        try (FakeDiscord fake = FakeDiscord.start(config);
                TestGatewayClient client = TestGatewayClient.connect(fake)) {
            client.identify(TOKEN, INTENTS, 0, 2);
            client.send("{\"op\":1,\"d\":0}");

            assertThat(client.next().path("op").asInt()).isEqualTo(10);
            JsonNode ack = client.next();
            assertThat(ack.path("op").asInt()).isIn(0, 11);
            client.awaitDispatch("READY");
        }
    }

    @Test
    void unsupportedVersionClosesWith4012() {
        try (FakeDiscord fake = FakeDiscord.start(FakeDiscordTests.fast().build());
                TestGatewayClient client = TestGatewayClient.connect(fake.gatewayUrl(), "/?v=8&encoding=json")) {
            assertThat(client.awaitClose()).isEqualTo(4012);
            assertThat(fake.log().violations())
                    .anySatisfy(v -> assertThat(v.closeCode()).isEqualTo(4012));
        }
    }

    @Test
    void etfEncodingIsRefusedWith4002AndAClearReason() {
        try (FakeDiscord fake = FakeDiscord.start(FakeDiscordTests.fast().build());
                TestGatewayClient client = TestGatewayClient.connect(fake.gatewayUrl(), "/?v=10&encoding=etf")) {
            assertThat(client.awaitClose()).isEqualTo(4002);
            assertThat(fake.log().violations())
                    .anySatisfy(v -> assertThat(v.reason()).contains("etf").contains("not supported"));
        }
    }

    @Test
    void unknownCompressionIsRefusedWith4002() {
        try (FakeDiscord fake = FakeDiscord.start(FakeDiscordTests.fast().build());
                TestGatewayClient client =
                        TestGatewayClient.connect(fake.gatewayUrl(), "/?v=10&encoding=json&compress=brotli")) {
            assertThat(client.awaitClose()).isEqualTo(4002);
        }
    }

    @Test
    void connectionRecordsPathAndQuery() {
        try (FakeDiscord fake = FakeDiscord.start(FakeDiscordTests.fast().build());
                TestGatewayClient client =
                        TestGatewayClient.connect(fake.gatewayUrl(), "/?v=9&encoding=json&compress=zlib-stream")) {
            client.awaitOp(10);

            ConnectionRecord record = fake.log().connections().get(0);
            assertThat(record.path()).isEqualTo("/");
            assertThat(record.version()).isEqualTo("9");
            assertThat(record.encoding()).isEqualTo("json");
            assertThat(record.compress()).isEqualTo("zlib-stream");
            assertThat(record.end()).isEqualTo(ConnectionEnd.OPEN);
        }
    }
}
