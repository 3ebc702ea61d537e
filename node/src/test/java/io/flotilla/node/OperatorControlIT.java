package io.flotilla.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.cluster.status.ClusterControl;
import io.flotilla.cluster.status.ClusterSnapshot;
import io.flotilla.cluster.status.ClusterSnapshotReader;
import io.flotilla.cluster.status.ControlResult;
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
 * (READY, latency, seq) for the snapshot, an operator's move runs the shard on the named node by RESUME, and an
 * operator's drain moves every shard off a node that keeps running.
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
            ClusterControl control =
                    new ClusterControl(connection, cluster.keys, InstantSource.system(), Duration.ofSeconds(5));
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

            int shard =
                    Objects.requireNonNull(cluster.placement().get("node-a")).last();
            long identifiesBefore = identifies(cluster, shard);
            ControlResult moved = control.move(shard, "node-b");
            assertThat(moved.outcome()).as(moved.message()).isEqualTo(ControlResult.Outcome.REQUESTED);
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

            ControlResult drained = control.drain("node-b");
            assertThat(drained.outcome()).as(drained.message()).isEqualTo(ControlResult.Outcome.REQUESTED);
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
            assertThat(cluster.fake.log().violations()).isEmpty();
        } finally {
            client.shutdown();
        }
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
