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
import org.junit.jupiter.api.Test;

/** The control API over HTTP: shard verbs and the log summary. */
class ControlApiIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void reconnectBeforeHelloOverHttp() throws Exception {
        try (FakeDiscord fake = FakeDiscord.start(FakeDiscordTests.fast().build())) {
            assertThat(post(fake, "/control/reconnect-before-hello?count=1").statusCode())
                    .isEqualTo(202);
            try (TestGatewayClient client = TestGatewayClient.connect(fake)) {
                assertThat(client.next().path("op").asInt()).isEqualTo(7);
                assertThat(client.awaitClose()).isEqualTo(4000);
            }
        }
    }

    @Test
    void verbsOverHttpReachTheShard() throws Exception {
        try (FakeDiscord fake = FakeDiscord.start(FakeDiscordTests.fast().build());
                TestGatewayClient client = TestGatewayClient.connect(fake)) {
            client.awaitOp(10);
            client.identify(TOKEN, INTENTS, 0, 2);
            client.awaitDispatch("READY");

            assertThat(post(fake, "/control/shards/0/emit?count=2").statusCode())
                    .isEqualTo(202);
            client.dispatches(3 + 2);
            assertThat(post(fake, "/control/shards/0/heartbeat-request").statusCode())
                    .isEqualTo(202);
            client.awaitOp(1);
            assertThat(post(fake, "/control/shards/0/nonsense").statusCode()).isEqualTo(400);
            assertThat(post(fake, "/control/shards/0/close?code=4000").statusCode())
                    .isEqualTo(202);
            assertThat(client.awaitClose()).isEqualTo(4000);

            HttpResponse<String> log = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fake.port() + "/control/log"))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode summary = new ObjectMapper().readTree(log.body());
            assertThat(summary.path("identifies").get(0).path("outcome").asText())
                    .isEqualTo("READY");
            assertThat(summary.path("shards")
                            .get(0)
                            .path("max_concurrent_connections")
                            .asInt())
                    .isEqualTo(1);
        }
    }

    @Test
    void chaosStartsAndStopsOverHttp() throws Exception {
        try (FakeDiscord fake = FakeDiscord.start(FakeDiscordTests.fast().build())) {
            assertThat(post(fake, "/control/chaos?mean_ms=20&seed=5").statusCode())
                    .isEqualTo(202);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> fake.chaosFaults() >= 3);
            HttpResponse<String> stop = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fake.port() + "/control/chaos"))
                            .timeout(Duration.ofSeconds(5))
                            .DELETE()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(stop.statusCode()).isEqualTo(202);
            long after = fake.chaosFaults();
            org.awaitility.Awaitility.await()
                    .pollDelay(Duration.ofMillis(200))
                    .atMost(Duration.ofSeconds(1))
                    .until(() -> true);
            assertThat(fake.chaosFaults()).isEqualTo(after);
            assertThat(post(fake, "/control/chaos").statusCode()).isEqualTo(400);
        }
    }

    private static HttpResponse<String> post(FakeDiscord fake, String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fake.port() + path))
                        .timeout(Duration.ofSeconds(5))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
