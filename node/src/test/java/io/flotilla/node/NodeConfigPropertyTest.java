package io.flotilla.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.testkit.ForAll;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Arbitrary configuration (issue 17): any value of any variable gives either a configuration or a
 * {@link ConfigException} that names the variable, and neither the message nor the configuration's text ever shows a
 * secret (bot token, Redis password, admin token).
 */
class NodeConfigPropertyTest {
    private static final String TOKEN = "MTIz.secret-token-value";
    private static final String PASSWORD = "p4ss-w0rd-value";
    private static final String ADMIN = "adm1n-token-value";
    private static final List<String> VARIABLES = List.of(
            "REDIS_HOST",
            "REDIS_PORT",
            "REDIS_URL",
            "NODE_NAME",
            "GROUP_NAME",
            "SHARD_COUNT",
            "INTENTS",
            "CACHE_MODE",
            "DISCORD_API_URL",
            "HTTP_HOST",
            "HTTP_PORT",
            "CHUNK_MEMBERS",
            "EVENTS",
            "STREAM_MAXLEN",
            "SHUTDOWN_GRACE",
            "IDENTIFY_RESERVE",
            "IDENTIFY_SPEND_RESERVE",
            "EXPECTED_NODES",
            "LOG_FORMAT");
    private static final List<String> VALUES = List.of(
            "",
            " ",
            "0",
            "-1",
            "1",
            "65536",
            "99999999999999999999",
            "true",
            "maybe",
            "redis",
            "none",
            "json",
            "x y",
            "redis://h:1",
            "rediss://:" + PASSWORD + "@h:6380/0",
            "http://",
            "ftp://x",
            "GUILDS,NOPE",
            "513",
            "25s",
            "1ms",
            "\u0000",
            "é",
            "*",
            "MESSAGE_CREATE",
            "a".repeat(300),
            "%s",
            "${BOT_TOKEN}");

    @Test
    void anyValueGivesAConfigurationOrAnErrorNamingItsVariableAndNeverASecret() {
        ForAll.check(NodeConfigPropertyTest::environment, env -> {
            try {
                NodeConfig config = NodeConfig.fromEnv(env, () -> "host-1");
                assertThat(config.printable() + config).doesNotContain(TOKEN, PASSWORD, ADMIN);
            } catch (ConfigException e) {
                String message = String.valueOf(e.getMessage());
                assertThat(message).doesNotContain(TOKEN, PASSWORD, ADMIN);
                assertThat(env.keySet().stream().anyMatch(message::contains))
                        .as("the message names a variable it was given: %s", message)
                        .isTrue();
            }
        });
    }

    private static Map<String, String> environment(SplittableRandom random) {
        Map<String, String> env = new HashMap<>();
        env.put("BOT_TOKEN", TOKEN);
        env.put("REDIS_PASS", PASSWORD);
        env.put("ADMIN_TOKEN", ADMIN);
        for (int i = ForAll.between(random, 1, 4); i > 0; i--) {
            env.put(VARIABLES.get(random.nextInt(VARIABLES.size())), VALUES.get(random.nextInt(VALUES.size())));
        }
        return env;
    }
}
