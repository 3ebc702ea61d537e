package io.flotilla.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.cluster.status.ClusterSnapshot;
import io.flotilla.cluster.status.ClusterSnapshotReader;
import io.flotilla.node.cli.FlotillaCli;
import io.flotilla.testkit.RedisExtension;
import io.flotilla.testkit.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two real node processes, 4 shards, the fake Discord and a real Redis: every node publishes its shards' status
 * (READY, latency, seq) that {@code flotilla status} shows, {@code flotilla move} runs the shard on the named node by
 * RESUME, and {@code flotilla drain} moves every shard off a node that keeps running; refusals exit 1.
 */
@ExtendWith(RedisExtension.class)
class OperatorControlIT {
    private static final int SHARDS = 4;
    /** Two JVMs starting on a loaded two-core machine. */
    private static final Duration START = Duration.ofSeconds(120);

    private static final Duration MOVE = Duration.ofSeconds(45);

    @Test
    void anOperatorMovesAShardByResumeThenDrainsANodeThatKeepsRunning(TestRedis redis, TestInfo test) throws Exception {
        RedisClient client = RedisClient.create(redis.uri().toString());
        try (NodeCluster cluster = new NodeCluster(
                        redis, SHARDS, test.getTestMethod().orElseThrow().getName());
                StatefulRedisConnection<String, String> connection = client.connect()) {
            ClusterSnapshotReader reader = new ClusterSnapshotReader(
                    connection, cluster.keys, InstantSource.system(), 0, Duration.ofSeconds(5));
            cluster.start("node-a");
            cluster.start("node-b");
            awaitPlaced(cluster, List.of("node-a", "node-b"));
            await().atMost(START)
                    .untilAsserted(() -> assertThat(reader.read().shards()).allSatisfy(shard -> {
                        assertThat(shard.state()).isEqualTo("READY");
                        assertThat(shard.status()).isNotNull();
                        assertThat(Objects.requireNonNull(shard.status()).latencyMs())
                                .isNotNull();
                        assertThat(Objects.requireNonNull(shard.status()).seq()).isGreaterThanOrEqualTo(1);
                        assertThat(shard.leaseOwner()).isEqualTo(shard.assignedTo());
                    }));

            Cli status = cli(cluster, "status");
            assertThat(status.code()).as(status.err()).isZero();
            assertThat(status.out())
                    .contains("group e2e: 4 shards, leader node-", "node-a", "node-b", "shards by state: READY 4")
                    .contains("every shard is READY", "session starts left");
            Cli everyShard = cli(cluster, "status", "--shards");
            assertThat(everyShard.out()).contains("SHARD", "LATENCY", "READY").containsPattern("\\d+ms");
            Cli json = cli(cluster, "status", "--json");
            assertThat(json.out()).startsWith("{\"group\":\"e2e\"").contains("\"shard_count\":4");
            assertThat(json.out() + everyShard.out())
                    .doesNotContain(cluster.fake.config().token());

            int shard =
                    Objects.requireNonNull(cluster.placement().get("node-a")).last();
            long identifiesBefore = identifies(cluster, shard);
            assertThat(cli(cluster, "move", "9", "node-b").code()).isEqualTo(1);
            assertThat(cli(cluster, "move", "0", "node-z").err()).contains("refused: no live node named node-z");
            Cli moved = cli(cluster, "move", Integer.toString(shard), "node-b");
            assertThat(moved.code()).as(moved.err()).isZero();
            assertThat(moved.out()).contains("shard " + shard + " moves from node-a to node-b");
            await().atMost(MOVE).untilAsserted(() -> {
                assertThat(cluster.placement().get("node-b")).contains(shard);
                ClusterSnapshot.Shard after = reader.read().shards().get(shard);
                assertThat(reader.read().nameOf(after.leaseOwner())).isEqualTo("node-b");
                assertThat(after.state()).isEqualTo("READY");
            });
            assertThat(identifies(cluster, shard)).as("moved by RESUME").isEqualTo(identifiesBefore);
            assertThat(cluster.fake.log().resumes())
                    .anyMatch(resume ->
                            resume.shardId() == shard && resume.outcome().equals("RESUMED"));

            Cli drained = cli(cluster, "drain", "node-b");
            assertThat(drained.code()).as(drained.err()).isZero();
            assertThat(drained.out()).contains("node-b", "drains");
            await().atMost(MOVE).untilAsserted(() -> {
                Map<String, SortedSet<Integer>> placement = cluster.placement();
                assertThat(placement.get("node-b"))
                        .as("node-b still runs, with no shard")
                        .isEmpty();
                assertThat(placement.get("node-a")).hasSize(SHARDS);
            });
            assertThat(cluster.node("node-b").alive()).isTrue();
            ClusterSnapshot last = reader.read();
            assertThat(last.live("node-b").get(0).draining()).isTrue();
            assertThat(last.handOffs()).isNotEmpty().allMatch(handOff -> handOff.durationMs() >= 0);
            assertThat(cli(cluster, "drain", "node-b").out()).contains("already draining");
            assertThat(cli(cluster, "status").out()).contains("recent hand-offs:");
            assertThat(cluster.fake.log().violations()).isEmpty();
        } finally {
            client.shutdown();
        }
    }

    @Test
    void statusSaysSoWhenRedisCannotBeReachedWithoutShowingThePassword() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort(); // closed again: nothing listens there
        }
        Cli status = run(Map.of("REDIS_URL", "redis://:hunter2-secret@127.0.0.1:" + port), "status");

        assertThat(status.code()).isEqualTo(1);
        assertThat(status.err())
                .contains("cannot reach Redis at redis://:***@127.0.0.1:" + port)
                .doesNotContain("hunter2-secret");
        assertThat(status.out()).isEmpty();
    }

    /** One run of the command line: its exit code and what it printed. */
    private record Cli(int code, String out, String err) {}

    private static Cli cli(NodeCluster cluster, String... args) {
        return run(cluster.env(), args);
    }

    private static Cli run(Map<String, String> env, String... args) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = FlotillaCli.execute(
                args,
                env,
                java.io.InputStream.nullInputStream(),
                new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        return new Cli(
                code,
                out.toString(java.nio.charset.StandardCharsets.UTF_8),
                err.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static long identifies(NodeCluster cluster, int shard) {
        return cluster.fake.log().identifies().stream()
                .filter(identify -> identify.shardId() == shard && identify.sessionId() != null)
                .count();
    }

    /** Every shard runs on exactly one of {@code names}. */
    private static void awaitPlaced(NodeCluster cluster, List<String> names) {
        await().atMost(START).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            Map<String, SortedSet<Integer>> placement = cluster.placement();
            assertThat(placement.keySet()).containsExactlyInAnyOrderElementsOf(names);
            assertThat(placement.values().stream()
                            .flatMap(Collection::stream)
                            .sorted()
                            .toList())
                    .isEqualTo(IntStream.range(0, SHARDS).boxed().toList());
        });
    }
}
