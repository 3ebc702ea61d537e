package io.flotilla.fake;

import static io.flotilla.fake.FakeDiscordTests.INTENTS;
import static io.flotilla.fake.FakeDiscordTests.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** zlib-stream (whole and split) and zstd-stream, decoded by the test client with one context per connection. */
class CompressionIT {

    @Test
    void zlibStreamIsDecodedWithOneInflater() {
        assertDecodes(false, "compress=zlib-stream");
    }

    @Test
    void splitZlibPayloadsAreReassembled() {
        assertDecodes(true, "compress=zlib-stream");
    }

    @Test
    void zstdStreamIsDecodedWithOneContext() {
        assertDecodes(false, "compress=zstd-stream");
    }

    @Test
    void largePayloadsSurviveBothStreams() {
        for (String compress : new String[] {"compress=zlib-stream", "compress=zstd-stream"}) {
            FakeDiscordConfig config = FakeDiscordTests.fast()
                    .shardCount(1)
                    .guildsPerShard(1)
                    .membersPerGuild(1500)
                    .build();
            try (FakeDiscord fake = FakeDiscord.start(config);
                    TestGatewayClient client =
                            TestGatewayClient.connect(fake.gatewayUrl(), "/?v=10&encoding=json&" + compress)) {
                client.awaitOp(10);
                client.identify(TOKEN, INTENTS, 0, 1);
                client.awaitDispatch("GUILD_CREATE");
                String guild = fake.world().guildIds().get(0);
                client.send("{\"op\":8,\"d\":{\"guild_id\":\"" + guild + "\",\"query\":\"\",\"limit\":0}}");

                JsonNode first = client.awaitDispatch("GUILD_MEMBERS_CHUNK").path("d");
                JsonNode second = client.awaitDispatch("GUILD_MEMBERS_CHUNK").path("d");
                assertThat(first.path("members").size() + second.path("members").size())
                        .as(compress)
                        .isEqualTo(1500);
            }
        }
    }

    private static void assertDecodes(boolean split, String compress) {
        FakeDiscordConfig config =
                FakeDiscordTests.fast().zlibSplitFrames(split).build();
        try (FakeDiscord fake = FakeDiscord.start(config);
                TestGatewayClient client =
                        TestGatewayClient.connect(fake.gatewayUrl(), "/?v=10&encoding=json&" + compress)) {
            assertThat(client.next().path("op").asInt()).isEqualTo(10);
            client.identify(TOKEN, INTENTS, 0, 2);
            client.awaitDispatch("READY");
            fake.shard(0).emit(50);
            List<JsonNode> events = client.dispatches(3 + 50);

            assertThat(events.get(events.size() - 1).path("s").asInt()).isEqualTo(1 + 3 + 50);
            assertThat(client.textFrames.get()).isZero();
            int payloads = 1 + 1 + 3 + 50;
            if (split) {
                assertThat(client.binaryMessages.get()).isGreaterThan(payloads);
            } else {
                assertThat(client.binaryMessages.get()).isEqualTo(payloads);
            }
        }
    }
}
