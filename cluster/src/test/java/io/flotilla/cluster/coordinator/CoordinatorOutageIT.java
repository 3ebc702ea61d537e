package io.flotilla.cluster.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.testkit.RedisProcess;
import io.flotilla.testkit.RedisSnapshot;
import io.flotilla.worker.Keys;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** One coordinator on a Redis of its own that is killed, or rolled back to before the cluster existed. */
class CoordinatorOutageIT {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final List<Integer> ALL = IntStream.range(0, 8).boxed().toList();

    @Test
    void whileRedisIsDownEveryShardIsFencedAtItsDeadlineAndOnceBackEveryShardRunsAgain() {
        try (RedisProcess server = RedisProcess.startNew();
                CoordinatorNodes nodes = new CoordinatorNodes(server.uri(), Keys.defaults("outage"))) {
            CoordinatorNodes.Node a = nodes.start("node-a", 8);
            awaitRunningAll(a);

            server.kill();

            await().atMost(PATIENCE).until(() -> a.host().running().isEmpty());
            assertThat(a.host().calls("fence"))
                    .extracting(FakeShardHost.Call::shard)
                    .containsAll(ALL);
            await().atMost(PATIENCE).until(() -> a.coordinator().view().problem() != null);
            assertThat(a.coordinator().view().problem()).contains("Redis is unreachable");

            server.start();

            awaitRunningAll(a);
            await().atMost(PATIENCE).until(() -> a.coordinator().view().problem() == null);
            assertThat(nodes.owners.breaches()).isEmpty();
        }
    }

    @Test
    void aRedisThatLostItsStateIsACoordinatedAfreshWithoutACrash() {
        try (RedisProcess server = RedisProcess.startNew();
                CoordinatorNodes nodes = new CoordinatorNodes(server.uri(), Keys.defaults("rollback"))) {
            try (RedisSnapshot empty = server.snapshot()) {
                CoordinatorNodes.Node a = nodes.start("node-a", 8);
                awaitRunningAll(a);
                long epochBefore = a.coordinator().view().leaderEpoch();

                server.restartFrom(empty); // no node record, no lease, no assignment, the epoch counter gone

                await().atMost(PATIENCE).until(() -> a.host().calls("fence").size() >= ALL.size());
                awaitRunningAll(a);
                assertThat(a.coordinator().view().leaderEpoch())
                        .as("no epoch is issued twice: the counter was lifted above what the node saw")
                        .isGreaterThan(epochBefore);
                assertThat(nodes.owners.breaches()).isEmpty();
            }
        }
    }

    private static void awaitRunningAll(CoordinatorNodes.Node node) {
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> node.host().running().stream().sorted().toList().equals(ALL)
                        && node.coordinator().view().leader());
    }
}
