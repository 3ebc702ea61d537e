package io.flotilla.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.testkit.RedisExtension;
import io.flotilla.testkit.TestRedis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dashboard in a real headless Chromium ({@link Chromium}) against 3 node processes with 16 shards: the page of
 * node-a shows the 3 nodes alive, 16 READY shard cells owned by them and events/s above 0; after node-c is
 * SIGKILLed it shows node-c gone and every shard READY on node-a or node-b; after node-a itself is killed the page says
 * the node cannot be reached instead of freezing. {@code /api/cluster} is checked directly too (the snapshot, no
 * secret). Screenshots: {@code node/target/dashboard/{before,after,unreachable}.png}.
 */
@ExtendWith(RedisExtension.class)
class DashboardIT {
    private static final Duration UP = Duration.ofSeconds(90);
    private static final Path SHOTS = Path.of("target", "dashboard");
    /** What the page shows, read from its DOM (the data attributes the page sets on rows and cells). */
    private static final String VIEW = "JSON.stringify({status: document.body.dataset.status,"
            + " banner: document.getElementById('banner').textContent,"
            + " rate: document.getElementById('c-rate').textContent,"
            + " nodes: [...document.querySelectorAll('#nodes tr[data-node]')]"
            + "   .map(r => ({name: r.dataset.node, alive: r.dataset.alive === 'true'})),"
            + " cells: [...document.querySelectorAll('#shards .cell')]"
            + "   .map(c => ({shard: +c.dataset.shard, state: c.dataset.state, owner: c.dataset.owner}))})";

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void showsTheClusterAndTheChangeAfterANodeIsKilled(TestRedis redis) throws Exception {
        Assumptions.assumeTrue(
                Chromium.binary().isPresent(),
                "skipped: no /usr/bin/chromium; apt-get install chromium (the dashboard test drives a real headless"
                        + " browser)");
        try (NodeCluster cluster = new NodeCluster(redis, 16, "DashboardIT")) {
            for (String name : new String[] {"node-a", "node-b", "node-c"}) {
                cluster.start(name);
            }
            await().atMost(UP).pollInterval(Duration.ofMillis(250)).until(() -> {
                var placement = cluster.placement();
                return placement.size() == 3
                        && placement.values().stream().mapToInt(Set::size).sum() == 16
                        && placement.values().stream().noneMatch(Set::isEmpty);
            });
            cluster.emit(1);
            String base = "http://"
                    + Objects.requireNonNull(cluster.members().get("node-a")).httpAddress();

            // The JSON the page polls: the whole cluster, no secret.
            HttpResponse<String> api = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(base + "/api/cluster"))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
            JsonNode snapshot = json.readTree(api.body());
            assertThat(snapshot.path("shard_count").asInt()).isEqualTo(16);
            assertThat(snapshot.path("nodes")).hasSize(3);
            assertThat(api.body()).doesNotContain(cluster.fake.config().token());

            try (Chromium browser = Chromium.start(SHOTS.resolve("chromium.log"), 1360, 900)) {
                browser.navigate(base + "/");
                await().atMost(UP).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                    JsonNode view = view(browser);
                    assertThat(view.path("status").asText()).isEqualTo("live");
                    assertThat(names(view, true)).containsExactly("node-a", "node-b", "node-c");
                    assertThat(view.path("cells")).hasSize(16);
                    for (JsonNode cell : view.path("cells")) {
                        assertThat(cell.path("state").asText())
                                .as(cell.toString())
                                .isEqualTo("READY");
                        assertThat(cell.path("owner").asText()).isIn("node-a", "node-b", "node-c");
                    }
                    // events/s: from the rise of the shards' seqs between polls (the test emits 50/s a shard)
                    assertThat(view.path("rate").asText()).matches("[0-9.]+");
                    assertThat(Double.parseDouble(view.path("rate").asText())).isPositive();
                });
                browser.screenshot(SHOTS.resolve("before.png"));

                cluster.node("node-c").kill();
                await().atMost(UP).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                    JsonNode view = view(browser);
                    assertThat(view.path("status").asText()).isEqualTo("live");
                    assertThat(names(view, true)).containsExactly("node-a", "node-b");
                    assertThat(names(view, false)).containsExactly("node-c"); // gone, as the page remembers it
                    assertThat(view.path("cells")).hasSize(16);
                    for (JsonNode cell : view.path("cells")) {
                        assertThat(cell.path("state").asText())
                                .as(cell.toString())
                                .isEqualTo("READY");
                        assertThat(cell.path("owner").asText())
                                .as(cell.toString())
                                .isIn("node-a", "node-b");
                    }
                });
                browser.screenshot(SHOTS.resolve("after.png"));

                // The page's own node dies: the page says so and keeps the last data.
                cluster.node("node-a").kill();
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    JsonNode view = view(browser);
                    assertThat(view.path("status").asText()).isEqualTo("error");
                    assertThat(view.path("banner").asText()).contains("annot reach the node");
                    assertThat(view.path("cells")).hasSize(16);
                });
                browser.screenshot(SHOTS.resolve("unreachable.png"));
            }
        }
    }

    private JsonNode view(Chromium browser) throws Exception {
        return json.readTree(browser.evaluate(VIEW).asText());
    }

    /** The names of the nodes the page lists as alive ({@code alive} true) or gone. */
    private static Set<String> names(JsonNode view, boolean alive) {
        Set<String> names = new TreeSet<>();
        view.path("nodes").forEach(node -> {
            if (node.path("alive").asBoolean() == alive) {
                names.add(node.path("name").asText());
            }
        });
        return names;
    }
}
