package io.flotilla.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.fake.CommandRecord;
import io.flotilla.testkit.RedisExtension;
import io.flotilla.testkit.TestRedis;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The example bots of {@code examples/} against the fake Discord through a running node: a user's "!ping" on one
 * shard reaches the bot through the node and Redis, and the bot's presence command goes back through Redis and the
 * node to Discord on every shard (the fake's log of received commands). The Python bot needs python3 with redis-py
 * (Debian: python3-redis; {@code .ci/run} installs it).
 */
@ExtendWith(RedisExtension.class)
class ExampleBotsThroughNodeIT {
    private static final int SHARDS = 2;
    private static final Duration BOUND = Duration.ofSeconds(90); // the Java bot compiles itself at start

    @Test
    void theJavaBotAnswersPingThroughTheNode(TestRedis redis, TestInfo test) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        exercise(
                redis,
                test,
                List.of(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        examples().resolve("java-bot/PingBot.java").toString()));
    }

    @Test
    void thePythonBotAnswersPingThroughTheNode(TestRedis redis, TestInfo test) throws Exception {
        String python = io.flotilla.testkit.PythonWithRedis.find();
        Assumptions.assumeTrue(
                python != null,
                "skipped: no python3 with redis-py (`python3 -c \"import redis\"` fails); install it with"
                        + " `apt-get install python3-redis`");
        exercise(
                redis,
                test,
                List.of(python, examples().resolve("python-bot/bot.py").toString()));
    }

    private static void exercise(TestRedis redis, TestInfo test, List<String> bot) throws Exception {
        String name = test.getTestMethod().orElseThrow().getName();
        try (NodeCluster cluster = new NodeCluster(redis, SHARDS, name)) {
            cluster.start("node-a");
            await().atMost(BOUND).until(() -> cluster.shardsEverReady() == SHARDS);
            Map<String, String> env = new HashMap<>();
            env.put("REDIS_URL", redis.uri().toString());
            env.put("GROUP_NAME", cluster.keys.group());
            env.put("KEY_PREFIX", cluster.keys.prefix());
            env.put("QUEUE_PREFIX", cluster.keys.queuePrefix());
            env.put("CONSUMER", "example-1");
            try (NodeProcess process = NodeProcess.run("bot", bot, env, Path.of("target", "node-logs", name))) {
                await().atMost(BOUND).until(() -> process.logText().contains("ping-bot ready"));
                Instant asked = Instant.now();
                cluster.fake.shard(1).say("hello");
                cluster.fake.shard(0).say("!ping");

                await().atMost(BOUND).until(() -> process.logText().contains("pong: presence changed"));
                await().atMost(BOUND)
                        .untilAsserted(() -> assertThat(presencesSince(cluster, asked))
                                .as("op 3 with the bot's activity, received by the fake on every shard")
                                .containsExactly(0, 1));
                assertThat(process.logText().lines().filter(line -> line.endsWith(": 1 messages")))
                        .as("one message counted in each shard's guild")
                        .hasSize(2);
            }
        }
    }

    /** The shards on which the fake received an op 3 naming the activity "pong" since {@code since}. */
    private static Set<Integer> presencesSince(NodeCluster cluster, Instant since) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Set<Integer> shards = new TreeSet<>();
        for (CommandRecord command : cluster.fake.log().commands()) {
            if (command.op() == 3 && command.at().isAfter(since)) {
                JsonNode d = json.readTree(command.data());
                if (d.path("activities").path(0).path("name").asText().equals("pong")) {
                    shards.add(command.shardId());
                }
            }
        }
        return shards;
    }

    private static Path examples() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath().resolveSibling("examples");
        assertThat(dir).as("the examples folder beside the node module").isDirectory();
        return dir;
    }
}
