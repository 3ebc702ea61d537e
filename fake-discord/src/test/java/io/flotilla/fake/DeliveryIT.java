package io.flotilla.fake;

import static io.flotilla.fake.FakeDiscordTests.INTENTS;
import static io.flotilla.fake.FakeDiscordTests.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** Delivery rules: intents filtering, the generation rate, and the end of a session a whole buffer behind. */
class DeliveryIT {

    @Test
    void eachSessionGetsOnlyTheEventsItsIntentsCover() {
        FakeDiscordConfig config =
                FakeDiscordTests.fast().identifyWindow(Duration.ofMillis(1)).build();
        try (FakeDiscord fake = FakeDiscord.start(config);
                TestGatewayClient guildsOnly = TestGatewayClient.connect(fake);
                TestGatewayClient everything = TestGatewayClient.connect(fake)) {
            guildsOnly.awaitOp(10);
            everything.awaitOp(10);
            guildsOnly.identify(TOKEN, 1, 0, 2);
            guildsOnly.awaitDispatch("READY");
            await().pollDelay(Duration.ofMillis(20))
                    .atMost(Duration.ofSeconds(1))
                    .until(() -> true);
            everything.identify(TOKEN, INTENTS, 0, 2);
            everything.awaitDispatch("READY");

            fake.shard(0).emit(300);

            List<IdentifyRecord> identifies = fake.log().identifies();
            List<ProducedDispatch> narrow = fake.log()
                    .sessionEvents(Objects.requireNonNull(identifies.get(0).sessionId()));
            List<ProducedDispatch> wide = fake.log()
                    .sessionEvents(Objects.requireNonNull(identifies.get(1).sessionId()));
            assertThat(wide).hasSize(1 + 3 + 300);
            assertThat(narrow.size()).isLessThan(wide.size());
            assertThat(narrow)
                    .allSatisfy(
                            p -> assertThat(p.dispatch().requiredIntents() & ~1).isZero());
            assertThat(narrow).extracting(ProducedDispatch::type).doesNotContain("MESSAGE_CREATE");
            JsonNode last = guildsOnly.dispatches(narrow.size() - 1).get(narrow.size() - 2);
            assertThat(last.path("s").asLong()).isEqualTo(narrow.size());
        }
    }

    @Test
    void theRateGeneratesEventsForLiveSessions() {
        FakeDiscordConfig config =
                FakeDiscordTests.fast().eventsPerSecondPerShard(200).build();
        try (FakeDiscord fake = FakeDiscord.start(config);
                TestGatewayClient client = TestGatewayClient.connect(fake)) {
            client.awaitOp(10);
            client.identify(TOKEN, INTENTS, 0, 2);
            client.awaitDispatch("READY");

            List<JsonNode> events = client.dispatches(3 + 100);
            assertThat(events.get(events.size() - 1).path("s").asLong()).isEqualTo(1 + 3 + 100);
        }
    }

    @Test
    void aLiveConnectionAWholeBufferBehindIsClosedWith4009AndItsSessionEnds() {
        FakeDiscordConfig config =
                FakeDiscordTests.fast().ioThreads(1).sessionBufferSize(16).build();
        try (FakeDiscord fake = FakeDiscord.start(config);
                TestGatewayClient client = TestGatewayClient.connect(fake);
                TestGatewayClient second = TestGatewayClient.connect(fake)) {
            client.awaitOp(10);
            client.identify(TOKEN, INTENTS, 0, 2);
            client.awaitDispatch("READY");
            String session =
                    Objects.requireNonNull(fake.log().identifies().get(0).sessionId());

            fake.shard(0).emit(100);

            assertThat(client.awaitClose()).isEqualTo(4009);
            second.awaitOp(10);
            second.resume(TOKEN, session, 1);
            assertThat(second.awaitOp(9).path("d").asBoolean()).isFalse();
        }
    }
}
