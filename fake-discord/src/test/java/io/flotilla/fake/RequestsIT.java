package io.flotilla.fake;

import static io.flotilla.fake.FakeDiscordTests.INTENTS;
import static io.flotilla.fake.FakeDiscordTests.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Session requests: op 8 chunks, not_found, RATE_LIMITED and shape errors; op 31, op 43, op 3 and op 4. */
class RequestsIT {

    private static FakeDiscord fake;
    private static String guild;

    @BeforeAll
    static void start() {
        fake = FakeDiscord.start(FakeDiscordTests.fast()
                .shardCount(1)
                .guildsPerShard(2)
                .membersPerGuild(2100)
                .identifyWindow(java.time.Duration.ofMillis(1))
                .build());
        guild = fake.world().guildIds(0, 1).get(0);
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    private static TestGatewayClient ready(int intents) {
        TestGatewayClient client = TestGatewayClient.connect(fake);
        client.awaitOp(10);
        client.identify(TOKEN, intents, 0, 1);
        client.awaitDispatch("READY");
        client.dispatches(2);
        return client;
    }

    @Test
    void fullMemberListComesInChunksWithIndexCountAndNonce() {
        String other = fake.world().guildIds(0, 1).get(1);
        try (TestGatewayClient client = ready(INTENTS)) {
            client.send(
                    "{\"op\":8,\"d\":{\"guild_id\":\"" + other + "\",\"query\":\"\",\"limit\":0,\"nonce\":\"n1\"}}");

            List<JsonNode> chunks = new ArrayList<>();
            int members = 0;
            for (int i = 0; i < 3; i++) {
                JsonNode chunk = client.awaitDispatch("GUILD_MEMBERS_CHUNK").path("d");
                chunks.add(chunk);
                members += chunk.path("members").size();
            }
            assertThat(chunks).extracting(c -> c.path("chunk_index").asInt()).containsExactly(0, 1, 2);
            assertThat(chunks).allSatisfy(c -> {
                assertThat(c.path("chunk_count").asInt()).isEqualTo(3);
                assertThat(c.path("nonce").asText()).isEqualTo("n1");
                assertThat(c.path("guild_id").asText()).isEqualTo(other);
            });
            assertThat(members).isEqualTo(2100);
        }
    }

    @Test
    void userIdsRequestReportsUnknownIdsAsNotFound() {
        String member = fake.world().members(guild).keySet().iterator().next();
        try (TestGatewayClient client = ready(INTENTS)) {
            client.send("{\"op\":8,\"d\":{\"guild_id\":\"" + guild + "\",\"user_ids\":[\"" + member
                    + "\",\"1\"],\"nonce\":\"n2\"}}");

            JsonNode chunk = client.awaitDispatch("GUILD_MEMBERS_CHUNK").path("d");
            assertThat(chunk.path("members")).hasSize(1);
            assertThat(chunk.path("not_found").toString()).contains("1");
            assertThat(chunk.path("nonce").asText()).isEqualTo("n2");
        }
    }

    @Test
    void sameFullListAgainWithinTheCooldownIsRateLimited() {
        String third = fake.world().guildIds(0, 1).get(0);
        try (TestGatewayClient client = ready(INTENTS)) {
            String request =
                    "{\"op\":8,\"d\":{\"guild_id\":\"" + third + "\",\"query\":\"\",\"limit\":0,\"nonce\":\"r\"}}";
            client.send(request);
            client.awaitDispatch("GUILD_MEMBERS_CHUNK");
            client.send(request);

            JsonNode limited = client.awaitDispatch("RATE_LIMITED").path("d");
            assertThat(limited.path("opcode").asInt()).isEqualTo(8);
            assertThat(limited.path("retry_after").asDouble()).isPositive();
            assertThat(limited.path("meta").path("guild_id").asText()).isEqualTo(third);
            assertThat(limited.path("meta").path("nonce").asText()).isEqualTo("r");
        }
    }

    @Test
    void theLimitIsPerBotAcrossConnectionsAndShardsAndEndsWithTheWindow() {
        FakeDiscordConfig config = FakeDiscordTests.fast()
                .identifyWindow(java.time.Duration.ofMillis(1))
                .memberRequestCooldown(java.time.Duration.ofSeconds(2))
                .heartbeatInterval(java.time.Duration.ofSeconds(30)) // the test waits out the window unbeating
                .build();
        try (FakeDiscord own = FakeDiscord.start(config);
                TestGatewayClient first = TestGatewayClient.connect(own);
                TestGatewayClient second = TestGatewayClient.connect(own)) {
            String target = own.world().guildIds(0, 2).get(0);
            String request =
                    "{\"op\":8,\"d\":{\"guild_id\":\"" + target + "\",\"query\":\"\",\"limit\":0,\"nonce\":\"x\"}}";
            first.awaitOp(10);
            first.identify(TOKEN, INTENTS, 0, 2);
            first.awaitDispatch("READY");
            first.send(request);
            first.awaitDispatch("GUILD_MEMBERS_CHUNK");

            second.awaitOp(10);
            second.identify(TOKEN, INTENTS, 1, 2);
            second.awaitDispatch("READY");
            second.send(request);
            JsonNode limited = second.awaitDispatch("RATE_LIMITED").path("d");
            assertThat(limited.path("opcode").asInt()).isEqualTo(8);
            assertThat(limited.path("retry_after").asDouble()).isPositive().isLessThanOrEqualTo(2.0);
            assertThat(limited.path("meta").path("guild_id").asText()).isEqualTo(target);
            assertThat(limited.path("meta").path("nonce").asText()).isEqualTo("x");

            org.awaitility.Awaitility.await()
                    .pollDelay(java.time.Duration.ofMillis(2100))
                    .atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> true);
            first.send(request);
            assertThat(first.awaitDispatch("GUILD_MEMBERS_CHUNK")
                            .path("d")
                            .path("guild_id")
                            .asText())
                    .isEqualTo(target);
        }
    }

    @Test
    void requestWithBothQueryAndUserIdsIs4001() {
        try (TestGatewayClient client = ready(INTENTS)) {
            client.send("{\"op\":8,\"d\":{\"guild_id\":\"" + guild
                    + "\",\"query\":\"a\",\"limit\":5,\"user_ids\":[\"1\"]}}");
            assertThat(client.awaitClose()).isEqualTo(4001);
        }
    }

    @Test
    void fullListWithoutGuildMembersIntentIs4001() {
        try (TestGatewayClient client = ready(1)) {
            client.send("{\"op\":8,\"d\":{\"guild_id\":\"" + guild + "\",\"query\":\"\",\"limit\":0}}");
            assertThat(client.awaitClose()).isEqualTo(4001);
        }
    }

    @Test
    void soundboardAndChannelInfoAreAnswered() {
        try (TestGatewayClient client = ready(INTENTS)) {
            client.send("{\"op\":31,\"d\":{\"guild_ids\":[\"" + guild + "\"]}}");
            assertThat(client.awaitDispatch("SOUNDBOARD_SOUNDS")
                            .path("d")
                            .path("guild_id")
                            .asText())
                    .isEqualTo(guild);
            client.send("{\"op\":43,\"d\":{\"guild_id\":\"" + guild + "\",\"fields\":[\"status\"]}}");
            assertThat(client.awaitDispatch("CHANNEL_INFO")
                            .path("d")
                            .path("guild_id")
                            .asText())
                    .isEqualTo(guild);
        }
    }

    @Test
    void presenceAndVoiceStateUpdatesAreAcceptedAndCheckedForShape() {
        try (TestGatewayClient client = ready(INTENTS)) {
            client.send("{\"op\":3,\"d\":{\"since\":null,\"activities\":[],\"status\":\"online\",\"afk\":false}}");
            client.send("{\"op\":4,\"d\":{\"guild_id\":\"" + guild
                    + "\",\"channel_id\":null,\"self_mute\":false,\"self_deaf\":false}}");
            client.send("{\"op\":1,\"d\":3}");
            assertThat(client.awaitOp(11)).isNotNull();
            client.send("{\"op\":3,\"d\":{\"status\":5}}");
            assertThat(client.awaitClose()).isEqualTo(4001);
        }
    }
}
