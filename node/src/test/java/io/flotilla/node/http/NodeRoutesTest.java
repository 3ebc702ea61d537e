package io.flotilla.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.cluster.ClusterException;
import io.flotilla.cluster.status.ClusterSnapshot;
import io.flotilla.cluster.status.ControlResult;
import io.flotilla.node.metrics.NodeMetrics;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's routes and the admin API's answers over a probe the test sets: the page, {@code /api/cluster}
 * (the snapshot's JSON, 503 with the reason while starting or when Redis fails, one rendering per snapshot), and
 * the status of a move or drain by its {@link ControlResult} (200 accepted, 409 refused, 400 malformed).
 */
class NodeRoutesTest {
    private static final String TOKEN = "t0ken";
    private final ObjectMapper json = new ObjectMapper();
    private final NodeMetrics metrics = new NodeMetrics("node-a", Instant::now);
    private final ClusterSnapshot snapshot = new ClusterSnapshot(
            "prod", Instant.ofEpochMilli(1000), 0, null, List.of(), List.of(), null, List.of(), List.of());
    private CompletionStage<ClusterSnapshot> cluster = CompletableFuture.completedFuture(snapshot);
    private ControlResult result = new ControlResult(ControlResult.Outcome.REQUESTED, "shard 3 moves to node-b");
    private final HttpRoutes routes = NodeRoutes.routes(metrics, Probe::new, Optional.of(new BearerAuth(TOKEN)));

    @AfterEach
    void close() {
        metrics.close();
    }

    private HttpAnswer answer(HttpMethod method, String path, Map<String, List<String>> query) {
        DefaultHttpHeaders headers = new DefaultHttpHeaders();
        headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + TOKEN);
        return routes.answer(new HttpAsk(method, path, query, headers))
                .toCompletableFuture()
                .join();
    }

    private JsonNode body(HttpAnswer answer) throws Exception {
        return json.readTree(new String(answer.body(), StandardCharsets.UTF_8));
    }

    @Test
    void theDashboardIsOneHtmlPageAtTheRootAndAtDashboard() {
        for (String path : new String[] {"/", "/dashboard"}) {
            HttpAnswer page = answer(HttpMethod.GET, path, Map.of());
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.contentType()).startsWith("text/html");
            String html = new String(page.body(), StandardCharsets.UTF_8);
            // self-contained: no script, style sheet, font or image fetched from elsewhere
            assertThat(html)
                    .contains("fetch(\"api/cluster\"")
                    .doesNotContain("<script src")
                    .doesNotContain("<link ")
                    .doesNotContain("@import")
                    .doesNotContainPattern("url\\(\\s*['\"]?https?:");
        }
    }

    @Test
    void apiClusterServesTheSnapshotRenderedOncePerSnapshot() throws Exception {
        HttpAnswer first = answer(HttpMethod.GET, "/api/cluster", Map.of());
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.contentType()).isEqualTo(HttpAnswer.JSON_TYPE);
        assertThat(body(first).path("group").asText()).isEqualTo("prod");
        assertThat(answer(HttpMethod.GET, "/api/cluster", Map.of()).body()).isSameAs(first.body());
    }

    @Test
    void apiClusterSaysWhyItHasNoSnapshot() throws Exception {
        cluster = CompletableFuture.failedFuture(new IllegalStateException("the node is still starting"));
        HttpAnswer starting = answer(HttpMethod.GET, "/api/cluster", Map.of());
        assertThat(starting.status()).isEqualTo(503);
        assertThat(body(starting).path("error").asText()).isEqualTo("the node is still starting");
        cluster = CompletableFuture.failedFuture(new ClusterException(
                ClusterException.Kind.REDIS_UNAVAILABLE, "Redis did not answer within 2000 ms listing nodes"));
        HttpAnswer down = answer(HttpMethod.GET, "/api/cluster", Map.of());
        assertThat(down.status()).isEqualTo(503);
        assertThat(body(down).path("error").asText()).contains("cannot read the cluster from Redis", "2000 ms");
    }

    @Test
    void anAcceptedMoveIs200WithItsOutcomeARefusedOne409WithTheReason() throws Exception {
        Map<String, List<String>> move = Map.of("shard", List.of("3"), "node", List.of("node-b"));
        HttpAnswer accepted = answer(HttpMethod.POST, "/admin/move", move);
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(body(accepted).path("outcome").asText()).isEqualTo("REQUESTED");
        assertThat(body(accepted).path("message").asText()).isEqualTo("shard 3 moves to node-b");

        result = new ControlResult(ControlResult.Outcome.REFUSED, "node-b is draining: it takes no shard");
        HttpAnswer refused = answer(HttpMethod.POST, "/admin/move", move);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(body(refused).path("error").asText()).isEqualTo("node-b is draining: it takes no shard");
        assertThat(answer(HttpMethod.POST, "/admin/drain", Map.of("node", List.of("node-b")))
                        .status())
                .isEqualTo(409);
    }

    @Test
    void aMalformedMoveIs400NamingWhatToGive() throws Exception {
        HttpAnswer missing = answer(HttpMethod.POST, "/admin/move", Map.of("shard", List.of("3")));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(body(missing).path("error").asText()).contains("shard=N&node=NAME");
        HttpAnswer notNumber =
                answer(HttpMethod.POST, "/admin/move", Map.of("shard", List.of("x"), "node", List.of("node-b")));
        assertThat(notNumber.status()).isEqualTo(400);
        assertThat(body(notNumber).path("error").asText()).contains("'x' is not a shard number");
    }

    private final class Probe implements NodeProbe {
        @Override
        public ReadinessFacts readiness() {
            return ReadinessFacts.starting();
        }

        @Override
        public CompletionStage<ClusterSnapshot> cluster() {
            return cluster;
        }

        @Override
        public CompletionStage<ControlResult> drain(Optional<String> node) {
            return CompletableFuture.completedFuture(result);
        }

        @Override
        public CompletionStage<ControlResult> move(int shard, String node) {
            return CompletableFuture.completedFuture(result);
        }
    }
}
