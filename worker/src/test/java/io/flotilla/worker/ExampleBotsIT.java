package io.flotilla.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.testkit.RedisExtension;
import io.flotilla.testkit.TestRedis;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The example bots of {@code examples/} as child processes against a real Redis, fed with event entries in the
 * documented format (docs/redis-protocol.md): each counts messages per guild (a repeated entry of the same event
 * counted once) and answers "!ping" with an op 3 in {@code g:command:<shard>} of every shard. The Java bot runs from
 * its source file on this module's class path; the Python bot needs python3 with redis-py (Debian: python3-redis).
 */
@ExtendWith(RedisExtension.class)
class ExampleBotsIT {
    private static final Duration BOUND = Duration.ofSeconds(90); // the Java bot compiles itself at start
    private static final String GUILD_A = "4194304"; // shard 1 of 2
    private static final String GUILD_B = "8388608"; // shard 0 of 2
    private static final String PRESENCE =
            "{\"since\":null,\"activities\":[{\"name\":\"pong\",\"type\":0}],\"status\":\"online\",\"afk\":false}";

    @Test
    void theJavaBotCountsAndAnswersPing(TestRedis redis) throws Exception {
        Path source = examples().resolve("java-bot/PingBot.java");
        String java = ProcessHandle.current().info().command().orElse("java");
        exercise(redis, List.of(java, "-cp", System.getProperty("java.class.path"), source.toString()));
    }

    @Test
    void thePythonBotWrittenFromTheSpecDoesTheSame(TestRedis redis) throws Exception {
        String python = io.flotilla.testkit.PythonWithRedis.find();
        Assumptions.assumeTrue(
                python != null,
                "skipped: no python3 with redis-py (`python3 -c \"import redis\"` fails); install it with"
                        + " `apt-get install python3-redis`");
        exercise(redis, List.of(python, examples().resolve("python-bot/bot.py").toString()));
    }

    private static void exercise(TestRedis redis, List<String> command) throws Exception {
        Keys keys = TestEvents.keys(redis);
        TestEvents.shardCount(redis, keys, 2);
        Map<String, String> env = Map.of(
                "REDIS_URL", redis.uri().toString(),
                "GROUP_NAME", keys.group(),
                "KEY_PREFIX", keys.prefix(),
                "QUEUE_PREFIX", keys.queuePrefix(),
                "CONSUMER", "example-1");
        try (BotProcess bot = new BotProcess(command, examples(), env)) {
            bot.awaitLine("ping-bot ready", BOUND);
            TestEvents.append(redis, keys, "MESSAGE_CREATE", 1, "s1", 5, TestEvents.message(GUILD_A, "hello"));
            TestEvents.append(redis, keys, "MESSAGE_CREATE", 1, "s1", 5, TestEvents.message(GUILD_A, "hello"));
            TestEvents.append(redis, keys, "MESSAGE_CREATE", 0, "s0", 9, TestEvents.message(GUILD_B, "hi"));
            TestEvents.append(redis, keys, "MESSAGE_CREATE", 1, "s1", 6, TestEvents.message(GUILD_A, "!ping"));
            bot.awaitLine("pong: presence changed on every shard", BOUND);
            assertThat(bot.output())
                    .contains("guild " + GUILD_A + ": 1 messages", "guild " + GUILD_B + ": 1 messages")
                    .contains("guild " + GUILD_A + ": 2 messages")
                    .doesNotContain("guild " + GUILD_A + ": 3 messages");
            ObjectMapper json = new ObjectMapper();
            for (int shard = 0; shard < 2; shard++) {
                List<StreamMessage<String, String>> commands =
                        redis.commands().xrange(keys.commands(shard), Range.create("-", "+"));
                assertThat(commands).as("commands of shard %d", shard).hasSize(1);
                Map<String, String> entry = commands.get(0).getBody();
                assertThat(entry).containsOnlyKeys(CommandFields.OP, CommandFields.DATA);
                assertThat(entry.get(CommandFields.OP)).isEqualTo("3");
                JsonNode d = json.readTree(entry.get(CommandFields.DATA));
                assertThat(d).isEqualTo(json.readTree(PRESENCE));
            }
            long deadline = System.nanoTime() + BOUND.toNanos();
            while (redis.commands()
                            .xpending(keys.events("MESSAGE_CREATE"), "ping-bot")
                            .getCount()
                    > 0) {
                assertThat(System.nanoTime()).as("every entry acknowledged").isLessThan(deadline);
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
    }

    private static Path examples() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath().resolveSibling("examples");
        assertThat(dir).as("the examples folder beside the worker module").isDirectory();
        return dir;
    }
}
