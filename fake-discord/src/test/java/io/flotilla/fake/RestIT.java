package io.flotilla.fake;

import static io.flotilla.fake.FakeDiscordTests.INTENTS;
import static io.flotilla.fake.FakeDiscordTests.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The REST endpoints: bodies, status codes, content type, auth and the decreasing identify budget. */
class RestIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static FakeDiscord fake;

    @BeforeAll
    static void start() {
        fake = FakeDiscord.start(
                FakeDiscordTests.fast().shardCount(3).sessionStartLimit(50).build());
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @Test
    void gatewayBotAnswersJsonWithTheShardCountAndBudget() throws Exception {
        HttpResponse<String> response = get("/api/v10/gateway/bot", "Bot " + TOKEN);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("url").asText())
                .isEqualTo(fake.gatewayUrl().toString())
                .doesNotContain("?");
        assertThat(body.path("shards").asInt()).isEqualTo(3);
        JsonNode limit = body.path("session_start_limit");
        assertThat(limit.path("total").asInt()).isEqualTo(50);
        assertThat(limit.path("max_concurrency").asInt()).isEqualTo(1);
        assertThat(limit.path("reset_after").asLong()).isPositive();
    }

    @Test
    void remainingDecreasesWithEachIdentify() throws Exception {
        int before = remaining();
        try (TestGatewayClient client = TestGatewayClient.connect(fake)) {
            client.awaitOp(10);
            client.identify(TOKEN, INTENTS, 1, 3);
            client.awaitDispatch("READY");
        }
        assertThat(remaining()).isEqualTo(before - 1);
    }

    @Test
    void acceptsV9AndUnversionedPaths() throws Exception {
        assertThat(get("/api/v9/gateway/bot", "Bot " + TOKEN).statusCode()).isEqualTo(200);
        assertThat(get("/api/gateway/bot", "Bot " + TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void missingOrWrongTokenIs401Json() throws Exception {
        for (String auth : new String[] {null, "Bot wrong", TOKEN}) {
            HttpResponse<String> response = get("/api/v10/gateway/bot", auth);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(JSON.readTree(response.body()).path("message").asText()).contains("401");
        }
    }

    @Test
    void gatewayNeedsNoAuth() throws Exception {
        HttpResponse<String> response = get("/api/v10/gateway", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("url").asText())
                .isEqualTo(fake.gatewayUrl().toString());
    }

    @Test
    void usersMeIsTheBotUser() throws Exception {
        HttpResponse<String> response = get("/api/v10/users/@me", "Bot " + TOKEN);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode user = JSON.readTree(response.body());
        assertThat(user.path("id").asText()).isEqualTo(fake.world().botUserId());
        assertThat(user.path("username").isTextual()).isTrue();
        assertThat(user.path("bot").asBoolean()).isTrue();
        assertThat(get("/api/v10/users/@me", null).statusCode()).isEqualTo(401);
    }

    @Test
    void unknownPathsAre404Json() throws Exception {
        for (String path : new String[] {"/api/v10/nothing", "/elsewhere"}) {
            HttpResponse<String> response = get(path, "Bot " + TOKEN);
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        }
    }

    private static int remaining() throws Exception {
        return JSON.readTree(get("/api/v10/gateway/bot", "Bot " + TOKEN).body())
                .path("session_start_limit")
                .path("remaining")
                .asInt();
    }

    static HttpResponse<String> get(String path, @Nullable String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fake.port() + path))
                .timeout(Duration.ofSeconds(5));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
