package io.flotilla.fake;

import static io.flotilla.fake.FakeDiscordTests.INTENTS;
import static io.flotilla.fake.FakeDiscordTests.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every fault verb of FakeShard, and chaos mode starting and stopping. */
class FaultsIT {

    private final FakeDiscord fake = FakeDiscord.start(FakeDiscordTests.fast().build());

    @AfterEach
    void stop() {
        fake.close();
    }

    private TestGatewayClient ready() {
        TestGatewayClient client = TestGatewayClient.connect(fake);
        client.awaitOp(10);
        client.identify(TOKEN, INTENTS, 0, 2);
        client.awaitDispatch("READY");
        client.dispatches(3);
        return client;
    }

    @Test
    void reconnectSendsOp7ThenClosesIfTheClientDoesNot() {
        try (TestGatewayClient client = ready()) {
            fake.shard(0).sendReconnect();

            assertThat(client.awaitOp(7)).isNotNull();
            assertThat(client.awaitClose()).isEqualTo(4000);
        }
    }

    @Test
    void invalidateResumableKeepsTheSessionAndTheSocket() {
        try (TestGatewayClient client = ready()) {
            String session = java.util.Objects.requireNonNull(
                    fake.log().identifies().get(0).sessionId());
            fake.shard(0).invalidateSession(true);

            assertThat(client.awaitOp(9).path("d").asBoolean()).isTrue();
            client.resume(TOKEN, session, 4);
            assertThat(client.awaitDispatch("RESUMED").path("s").asInt()).isEqualTo(5);
        }
    }

    @Test
    void invalidateNotResumableDestroysTheSession() {
        try (TestGatewayClient client = ready()) {
            String session = java.util.Objects.requireNonNull(
                    fake.log().identifies().get(0).sessionId());
            fake.shard(0).invalidateSession(false);

            assertThat(client.awaitOp(9).path("d").asBoolean()).isFalse();
            client.resume(TOKEN, session, 4);
            assertThat(client.awaitOp(9).path("d").asBoolean()).isFalse();
        }
    }

    @Test
    void heartbeatRequestIsOp1() {
        try (TestGatewayClient client = ready()) {
            fake.shard(0).requestHeartbeat();
            assertThat(client.awaitOp(1).path("d").isNull()).isTrue();
        }
    }

    @Test
    void stoppedAcksStayAwayUntilResumed() {
        try (TestGatewayClient client = ready()) {
            fake.shard(0).stopHeartbeatAcks();
            await().pollDelay(Duration.ofMillis(100))
                    .atMost(Duration.ofSeconds(1))
                    .until(() -> true);
            client.heartbeat(4L);
            fake.shard(0).emit(1);
            JsonNode next = client.next();
            assertThat(next.path("op").asInt()).isZero();

            fake.shard(0).resumeHeartbeatAcks();
            await().pollDelay(Duration.ofMillis(100))
                    .atMost(Duration.ofSeconds(1))
                    .until(() -> true);
            client.heartbeat(5L);
            assertThat(client.next().path("op").asInt()).isEqualTo(11);
        }
    }

    @Test
    void dropCutsTcpWithoutACloseFrame() {
        try (TestGatewayClient client = ready()) {
            fake.shard(0).dropConnection();

            assertThat(client.awaitClose()).isEqualTo(-1);
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() ->
                            assertThat(fake.log().connections().get(0).end()).isEqualTo(ConnectionEnd.SERVER_DROPPED));
        }
    }

    @Test
    void closeSendsTheGivenCode() {
        try (TestGatewayClient client = ready()) {
            fake.shard(0).close(4009);
            assertThat(client.awaitClose()).isEqualTo(4009);
        }
    }

    @Test
    void outageIsGuildDeleteUnavailableThenGuildCreate() {
        String guild = fake.world().guildIds(0, 2).get(0);
        try (TestGatewayClient client = ready()) {
            fake.shard(0).startOutage(guild);
            JsonNode delete = client.awaitDispatch("GUILD_DELETE").path("d");
            assertThat(delete.path("id").asText()).isEqualTo(guild);
            assertThat(delete.path("unavailable").asBoolean()).isTrue();

            fake.shard(0).endOutage(guild);
            JsonNode create = client.awaitDispatch("GUILD_CREATE").path("d");
            assertThat(create.path("id").asText()).isEqualTo(guild);
            assertThat(create.path("unavailable").asBoolean(false)).isFalse();
        }
    }

    @Test
    void aShardWithEveryGuildInAnOutageGeneratesNothing() {
        try (TestGatewayClient client = ready()) {
            for (String guild : fake.world().guildIds(0, 2)) {
                fake.shard(0).startOutage(guild);
            }
            fake.shard(0).emit(10);
            for (String guild : fake.world().guildIds(0, 2)) {
                fake.shard(0).endOutage(guild);
            }
            fake.shard(0).emit(1);

            List<JsonNode> next = client.dispatches(3 + 3 + 1);
            assertThat(next)
                    .extracting(p -> p.path("t").asText())
                    .startsWith(
                            "GUILD_DELETE",
                            "GUILD_DELETE",
                            "GUILD_DELETE",
                            "GUILD_CREATE",
                            "GUILD_CREATE",
                            "GUILD_CREATE");
        }
    }

    @Test
    void chaosInjectsFaultsAndStops() {
        fake.chaos(Duration.ofMillis(50), 3);
        await().atMost(Duration.ofSeconds(5)).until(() -> fake.chaosFaults() >= 5);
        fake.stopChaos();
        long after = fake.chaosFaults();
        await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> true);
        assertThat(fake.chaosFaults()).isEqualTo(after);
    }

    @Test
    void reconnectBeforeHelloSendsOp7InsteadOfHelloThenCloses() {
        fake.reconnectBeforeHello(1);
        try (TestGatewayClient client = TestGatewayClient.connect(fake)) {
            assertThat(client.next().path("op").asInt()).isEqualTo(7);
            assertThat(client.awaitClose()).isEqualTo(4000);
            assertThat(client.received).noneMatch(p -> p.path("op").asInt() == 10);
        }
        try (TestGatewayClient next = TestGatewayClient.connect(fake)) {
            assertThat(next.next().path("op").asInt()).isEqualTo(10);
        }
    }

    @Test
    void chaosSendsOp7BeforeHelloToSomeConnection() {
        fake.chaos(Duration.ofMillis(20), 5);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            try (TestGatewayClient client = TestGatewayClient.connect(fake)) {
                return client.next().path("op").asInt() == 7;
            }
        });
        fake.stopChaos();
    }
}
