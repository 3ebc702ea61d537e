package io.flotilla.fake;

import static io.flotilla.fake.FakeDiscordTests.INTENTS;
import static io.flotilla.fake.FakeDiscordTests.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The log: dispatch records, produced dispatches per session, most concurrent connections, violations. */
class LogIT {

    @Test
    void withRecordingOffNoDispatchIsKeptButSessionsAndEndsAre() {
        FakeDiscordConfig config =
                FakeDiscordTests.fast().recordDispatches(false).build();
        try (FakeDiscord fake = FakeDiscord.start(config);
                TestGatewayClient client = TestGatewayClient.connect(fake)) {
            client.awaitOp(10);
            client.identify(TOKEN, INTENTS, 0, 2);
            client.awaitDispatch("READY");
            fake.shard(0).emit(500);
            client.dispatches(3 + 500);
            String session = java.util.Objects.requireNonNull(
                    fake.log().identifies().get(0).sessionId());
            client.closeWith(1000);

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !fake.log().sessionEnds().isEmpty());
            assertThat(fake.log().recordsDispatches()).isFalse();
            assertThat(fake.log().sessionEvents(session)).isEmpty();
            assertThat(fake.log().dispatches(0)).isEmpty();
            assertThat(fake.log().sessionEnds().get(0).lastSeq()).isEqualTo(1 + 3 + 500);
        }
    }

    @Test
    void recordsEveryDispatchWrittenAndProducedAndTheMostConcurrentConnections() {
        FakeDiscordConfig config =
                FakeDiscordTests.fast().identifyWindow(Duration.ofMillis(1)).build();
        try (FakeDiscord fake = FakeDiscord.start(config);
                TestGatewayClient first = TestGatewayClient.connect(fake);
                TestGatewayClient second = TestGatewayClient.connect(fake)) {
            first.awaitOp(10);
            second.awaitOp(10);
            first.identify(TOKEN, INTENTS, 1, 2);
            first.awaitDispatch("READY");
            await().pollDelay(Duration.ofMillis(20))
                    .atMost(Duration.ofSeconds(1))
                    .until(() -> true);
            second.identify(TOKEN, INTENTS, 1, 2);
            second.awaitDispatch("READY");
            fake.shard(1).emit(10);
            first.dispatches(3 + 10);
            second.dispatches(3 + 10);

            String session = java.util.Objects.requireNonNull(
                    fake.log().identifies().get(0).sessionId());
            List<ProducedDispatch> produced = fake.log().sessionEvents(session);
            assertThat(produced).hasSize(1 + 3 + 10);
            assertThat(produced).extracting(ProducedDispatch::seq).isSorted().startsWith(1L);
            assertThat(produced.get(0).type()).isEqualTo("READY");
            await().atMost(Duration.ofSeconds(2))
                    .untilAsserted(() -> assertThat(fake.log().dispatches(1)).hasSize(2 * (1 + 3 + 10)));
            assertThat(fake.log().dispatches(1))
                    .filteredOn(r -> r.sessionId().equals(session))
                    .extracting(DispatchRecord::seq)
                    .isSorted()
                    .hasSize(14);
            assertThat(fake.log().maxConcurrentConnections(1)).isEqualTo(2);
            assertThat(fake.log().maxConcurrentConnections(0)).isZero();
        }
    }

    @Test
    void recordsViolationsAndHowConnectionsEnded() {
        try (FakeDiscord fake = FakeDiscord.start(FakeDiscordTests.fast().build());
                TestGatewayClient client = TestGatewayClient.connect(fake)) {
            client.awaitOp(10);
            client.send("{\"op\":2,\"d\":{}}");
            assertThat(client.awaitClose()).isEqualTo(4001);

            await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
                ConnectionRecord record = fake.log().connections().get(0);
                assertThat(record.end()).isEqualTo(ConnectionEnd.SERVER_CLOSED);
                assertThat(record.closeCode()).isEqualTo(4001);
                assertThat(record.closedAt()).isNotNull();
            });
            assertThat(fake.log().violations()).singleElement().satisfies(v -> {
                assertThat(v.closeCode()).isEqualTo(4001);
                assertThat(v.reason()).contains("token");
            });
        }
    }
}
