package io.flotilla.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.fake.IdentifyRecord;
import io.flotilla.testkit.RedisExtension;
import io.flotilla.testkit.TestRedis;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link Main} as a process: its exit codes, its one-line messages, waiting for Redis, and a graceful restart. */
@ExtendWith(RedisExtension.class)
class MainIT {
    private static final Duration EXIT = Duration.ofSeconds(30);

    private static Path logs(TestInfo test) {
        return Path.of(
                "target",
                "node-logs",
                "MainIT-" + test.getTestMethod().orElseThrow().getName());
    }

    @Test
    void aBadValueExitsWithTwoNamingTheVariableAndNoSecret(TestInfo test) throws Exception {
        Map<String, String> env = Map.of("BOT_TOKEN", "secret-token-123", "CACHE_MODE", "disk");
        try (NodeProcess node = NodeProcess.start("bad-config", env, logs(test))) {
            assertThat(node.awaitExit(EXIT)).isEqualTo(2);
            assertThat(node.logText())
                    .contains("CACHE_MODE: 'disk' is not accepted: give redis, memory or none")
                    .doesNotContain("secret-token-123");
        }
        try (NodeProcess node = NodeProcess.start("no-token", Map.of(), logs(test))) {
            assertThat(node.awaitExit(EXIT)).isEqualTo(2);
            assertThat(node.logText()).contains("BOT_TOKEN: is required");
        }
    }

    @Test
    void aRejectedTokenExitsWithOne(TestRedis redis, TestInfo test) throws Exception {
        try (NodeCluster cluster = new NodeCluster(redis, 1, "MainIT-rejected")) {
            Map<String, String> env = new HashMap<>(cluster.env());
            env.put("BOT_TOKEN", "not-the-token-456");
            try (NodeProcess node = NodeProcess.start("bad-token", env, logs(test))) {
                assertThat(node.awaitExit(EXIT)).isEqualTo(1);
                assertThat(node.logText())
                        .contains("the bot token was rejected (401)")
                        .doesNotContain("not-the-token-456");
            }
        }
    }

    @Test
    void aColdStartTheSessionBudgetCannotPayForIsRefusedNamingTheStarts(TestRedis redis, TestInfo test)
            throws Exception {
        try (NodeCluster cluster = new NodeCluster(redis, 4, "MainIT-budget", 3)) {
            try (NodeProcess node = NodeProcess.start("over-budget", cluster.env(), logs(test))) {
                assertThat(node.awaitExit(EXIT)).isEqualTo(1);
                assertThat(node.logText()).contains("they need 4 session starts and 3 of 3 remain");
            }
            assertThat(cluster.fake.log().identifies())
                    .as("not one session start spent")
                    .isEmpty();
        }
    }

    @Test
    void aRedisThatIsDownIsWaitedForAndTheBannerHasNoSecret(TestRedis redis, TestInfo test) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (NodeCluster cluster = new NodeCluster(redis, 1, "MainIT-redis-down")) {
            Map<String, String> env = new HashMap<>(cluster.env());
            env.remove("REDIS_URL");
            env.put("REDIS_HOST", "127.0.0.1");
            env.put("REDIS_PORT", String.valueOf(closedPort));
            env.put("REDIS_PASS", "redis-pass-789");
            try (NodeProcess node = NodeProcess.start("redis-down", env, logs(test))) {
                await().atMost(EXIT).until(() -> node.logText().contains("waiting for Redis at"));
                assertThat(node.alive()).isTrue();
                assertThat(node.logText())
                        .contains("flotilla node redis-down in group e2e, shard count from Discord, Redis 127.0.0.1:"
                                + closedPort)
                        .doesNotContain("redis-pass-789");
                node.terminate();
                assertThat(node.awaitExit(EXIT))
                        .as("stopped while waiting: nothing to hand off")
                        .isZero();
            }
        }
    }

    @Test
    void aGracefulStopKeepsTheSessionsSoARestartResumesThemAll(TestRedis redis, TestInfo test) throws Exception {
        int shards = 4;
        try (NodeCluster cluster = new NodeCluster(redis, shards, "MainIT-restart")) {
            try (NodeProcess first = NodeProcess.start("solo", cluster.env(), logs(test))) {
                awaitSessionsCommitted(cluster, shards);
                first.terminate();
                assertThat(first.awaitExit(EXIT)).isZero();
            }
            assertThat(cluster.fake.log().sessionEnds())
                    .as("no session ended by the stop")
                    .isEmpty();
            Instant restartedAt = Instant.now();
            try (NodeProcess second = NodeProcess.start("solo-again", cluster.env(), logs(test))) {
                await().atMost(EXIT)
                        .untilAsserted(() -> assertThat(cluster.fake.log().resumes())
                                .filteredOn(resume -> resume.at().isAfter(restartedAt)
                                        && resume.outcome().equals("RESUMED"))
                                .hasSize(shards));
                assertThat(cluster.fake.log().identifies())
                        .extracting(IdentifyRecord::at)
                        .allSatisfy(at -> assertThat(at).isBefore(restartedAt));
                second.terminate();
                assertThat(second.awaitExit(EXIT)).isZero();
            }
        }
    }

    private static void awaitSessionsCommitted(NodeCluster cluster, int shards) {
        await().atMost(EXIT)
                .untilAsserted(() -> IntStream.range(0, shards)
                        .forEach(shard -> assertThat(cluster.stored(shard).getKey())
                                .isNotEmpty()
                                .isEqualTo(cluster.latestSession(shard).orElse("none"))));
    }
}
