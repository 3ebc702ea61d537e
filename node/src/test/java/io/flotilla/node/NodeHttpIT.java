package io.flotilla.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.testkit.RedisExtension;
import io.flotilla.testkit.TestRedis;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The HTTP side of real node processes against the fake Discord and a real Redis: {@code /ready} 503 while the node
 * starts then 200, {@code /health}, {@code /metrics} with plausible figures after traffic, the admin API's auth
 * (401 without or with a wrong token, 200 with it, 404 when no token is set), a move through it (200, then the shard
 * runs on the node asked; 409 with the reason for an unknown node or a shard out of range), a drain through it (the
 * node stays up with no shards, {@code /ready} 503), the drain of the other node through it ({@code /ready} 503 there),
 * the address in the node record, and {@code LOG_FORMAT=json} lines that parse and carry {@code node} and
 * {@code shard}.
 */
@ExtendWith(RedisExtension.class)
class NodeHttpIT {
    private static final String TOKEN = "admin-secret-789";
    private static final Duration UP = Duration.ofSeconds(60);
    private static final Path LOGS = Path.of("target", "node-logs", "NodeHttpIT");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void probesMetricsAdminAndJsonLogsOfRunningNodes(TestRedis redis) throws Exception {
        try (NodeCluster cluster = new NodeCluster(redis, 4, "NodeHttpIT")) {
            int portA = freePort();
            Map<String, String> envA = new HashMap<>(cluster.env());
            envA.put("HTTP_HOST", "127.0.0.1");
            envA.put("HTTP_PORT", Integer.toString(portA));
            envA.put("ADMIN_TOKEN", TOKEN);
            envA.put("LOG_FORMAT", "json");
            NodeProcess a = NodeProcess.start("node-a", envA, LOGS);
            String base = "http://127.0.0.1:" + portA;

            // /ready answers 503 while the node starts, then 200 once its 4 shards are READY with their guilds.
            List<Integer> seen = new ArrayList<>();
            await().atMost(UP).pollInterval(Duration.ofMillis(100)).until(() -> {
                Integer status = statusOrNull(base + "/ready");
                if (status != null && (seen.isEmpty() || !seen.getLast().equals(status))) {
                    seen.add(status);
                }
                return status != null && status == 200;
            });
            assertThat(seen)
                    .as("answers of /ready as the node started")
                    .startsWith(503)
                    .endsWith(200);
            assertThat(status(get(base + "/health"))).isEqualTo(200);
            assertThat(java.util.Objects.requireNonNull(cluster.members().get("node-a"))
                            .httpAddress())
                    .isEqualTo("127.0.0.1:" + portA);

            cluster.emit(2);
            await().atMost(UP).untilAsserted(() -> {
                String metrics = body(get(base + "/metrics"));
                assertThat(value(metrics, "flotilla_shards", "state=\"READY\"")).isEqualTo(4);
                assertThat(value(metrics, "flotilla_events_committed_total", "type=\"MESSAGE_CREATE\""))
                        .isPositive();
                assertThat(value(metrics, "flotilla_events_received_total", "type=\"READY\""))
                        .isEqualTo(4);
                assertThat(value(metrics, "flotilla_gateway_sessions_total", "kind=\"identify\""))
                        .isEqualTo(4);
                assertThat(value(metrics, "flotilla_leader", "node=\"node-a\"")).isEqualTo(1);
                assertThat(value(metrics, "flotilla_commit_latency_seconds_count", ""))
                        .isPositive();
                assertThat(value(metrics, "flotilla_gateway_latency_seconds", "shard=\"0\""))
                        .isNotNaN();
                // the leader's poll of the streams (every 10 s)
                assertThat(value(metrics, "flotilla_stream_length", "message_create"))
                        .isPositive();
            });
            cluster.pause();

            // A second node without an admin token has no admin API at all.
            int portB = freePort();
            Map<String, String> envB = new HashMap<>(cluster.env());
            envB.put("HTTP_HOST", "127.0.0.1");
            envB.put("HTTP_PORT", Integer.toString(portB));
            NodeProcess b = NodeProcess.start("node-b", envB, LOGS);
            String baseB = "http://127.0.0.1:" + portB;
            await().atMost(UP).until(() -> statusOrNull(baseB + "/health") != null);
            assertThat(status(post(baseB + "/admin/drain", "Bearer " + TOKEN))).isEqualTo(404);

            // A move through the admin API: 200 with the outcome, then the shard runs on node-a; refused: 409.
            await().atMost(UP)
                    .until(() -> !cluster.placement()
                            .getOrDefault("node-b", new java.util.TreeSet<>())
                            .isEmpty());
            int moved =
                    Objects.requireNonNull(cluster.placement().get("node-b")).first();
            HttpResponse<String> move = post(base + "/admin/move?shard=" + moved + "&node=node-a", "Bearer " + TOKEN);
            assertThat(move.statusCode()).as(move.body()).isEqualTo(200);
            assertThat(json.readTree(move.body()).path("outcome").asText()).isEqualTo("REQUESTED");
            await().atMost(UP)
                    .untilAsserted(
                            () -> assertThat(cluster.placement().get("node-a")).contains(moved));
            HttpResponse<String> refused = post(base + "/admin/move?shard=1&node=node-z", "Bearer " + TOKEN);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(json.readTree(refused.body()).path("error").asText()).contains("no live node named node-z");
            assertThat(status(post(base + "/admin/move?shard=99&node=node-a", "Bearer " + TOKEN)))
                    .isEqualTo(409);

            // Auth: 401 without the token and with a wrong one; 405 on GET; 200 with it.
            assertThat(status(post(base + "/admin/drain", null))).isEqualTo(401);
            assertThat(status(post(base + "/admin/drain", "Bearer wrong"))).isEqualTo(401);
            assertThat(body(post(base + "/admin/drain", "Bearer wrong"))).doesNotContain(TOKEN);
            assertThat(status(get(base + "/admin/drain"))).isEqualTo(405);
            assertThat(status(post(base + "/admin/move?shard=1&node=node-b", null)))
                    .isEqualTo(401);
            HttpResponse<String> drained = post(base + "/admin/drain", "Bearer " + TOKEN);
            assertThat(drained.statusCode()).as(drained.body()).isEqualTo(200);

            // Draining: /ready 503 at once; the shards move to node-b; node-a stays up with none.
            HttpResponse<String> ready = get(base + "/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(json.readTree(ready.body()).path("reason").asText()).startsWith("draining");
            await().atMost(UP).untilAsserted(() -> {
                assertThat(cluster.placement().get("node-a")).isEmpty();
                assertThat(cluster.placement().get("node-b")).hasSize(4);
                assertThat(status(get(baseB + "/ready"))).isEqualTo(200);
            });
            assertThat(a.alive()).isTrue();
            assertThat(status(get(base + "/health"))).isEqualTo(200);
            assertThat(status(get(base + "/ready"))).isEqualTo(503);

            // The drain of another node through this one's admin API: node-b drains (it keeps its shards, as no
            // other node takes any), so its /ready is 503.
            HttpResponse<String> drainB = post(base + "/admin/drain?node=node-b", "Bearer " + TOKEN);
            assertThat(drainB.statusCode()).as(drainB.body()).isEqualTo(200);
            assertThat(json.readTree(drainB.body()).path("message").asText()).contains("node-b");
            await().atMost(UP)
                    .untilAsserted(
                            () -> assertThat(status(get(baseB + "/ready"))).isEqualTo(503));
            assertThat(b.alive()).isTrue();

            // LOG_FORMAT=json: every JSON line parses; the state changes carry node and shard in the MDC.
            List<JsonNode> lines = new ArrayList<>();
            for (String line : a.logText().split("\n")) {
                if (line.startsWith("{")) {
                    lines.add(json.readTree(line));
                }
            }
            assertThat(lines).isNotEmpty();
            assertThat(lines).anySatisfy(line -> {
                assertThat(line.path("mdc").path("node").asText()).isEqualTo("node-a");
                assertThat(line.path("mdc").path("shard").asText()).matches("[0-3]");
                assertThat(line.path("formattedMessage").asText()).contains("-> READY");
            });
            assertThat(a.logText())
                    .doesNotContain(TOKEN)
                    .doesNotContain(cluster.fake.config().token());
            assertThat(b.logText()).doesNotContain(cluster.fake.config().token());
        }
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, @Nullable String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int status(HttpResponse<String> response) {
        return response.statusCode();
    }

    private static String body(HttpResponse<String> response) {
        return response.body();
    }

    /** The status, or null while nothing listens yet. */
    private @Nullable Integer statusOrNull(String url) throws InterruptedException {
        try {
            return get(url).statusCode();
        } catch (IOException e) {
            return null;
        }
    }

    /** The value of the first sample of {@code name} whose labels contain {@code labels}, NaN when none. */
    private static double value(String metrics, String name, String labels) {
        Matcher sample = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE)
                .matcher(metrics);
        while (sample.find()) {
            if (sample.group(1).contains(labels)) {
                return Double.parseDouble(sample.group(2));
            }
        }
        return Double.NaN;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
