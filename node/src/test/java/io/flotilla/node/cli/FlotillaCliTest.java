package io.flotilla.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line in-process: help, usage errors (2), {@code node --print-config} and its redaction. No Redis. */
class FlotillaCliTest {
    private static final String TOKEN = "MTIz.secret-bot-token.value";
    private static final String PASSWORD = "hunter2-redis-password";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void helpListsEveryCommandAndExitsZero() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out()).contains("node", "status", "drain", "move", "fake-discord", "demo", "Exit codes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"node", "status", "drain", "move"})
    void eachOperatorCommandHasHelp(String command) {
        assertThat(run(Map.of(), command, "--help")).isZero();
        assertThat(out()).contains("Usage: flotilla " + command, "Exit codes");
    }

    @Test
    void noCommandAnUnknownCommandAndBadArgumentsAreUsageErrors() {
        assertThat(run(Map.of())).isEqualTo(2);
        assertThat(err()).contains("give a command");
        assertThat(run(Map.of(), "launch")).isEqualTo(2);
        assertThat(run(Map.of(), "move", "seven", "node-a")).isEqualTo(2);
        assertThat(err()).contains("seven");
        assertThat(run(Map.of(), "drain")).isEqualTo(2);
        assertThat(err()).contains("<node>");
        assertThat(run(Map.of(), "status", "--colour")).isEqualTo(2);
    }

    @Test
    void printConfigShowsTheEffectiveConfigurationWithEverySecretRedacted() {
        Map<String, String> env = new HashMap<>();
        env.put("BOT_TOKEN", TOKEN);
        env.put("REDIS_URL", "redis://:" + PASSWORD + "@10.0.0.7:6380");
        env.put("ADMIN_TOKEN", "admin-secret-value");
        env.put("NODE_NAME", "node-x");
        env.put("SHARD_COUNT", "16");

        assertThat(run(env, "node", "--print-config")).isZero();

        assertThat(out())
                .contains("BOT_TOKEN=***", "REDIS=redis://:***@10.0.0.7:6380", "ADMIN_TOKEN=***", "NODE_NAME=node-x")
                .contains("SHARD_COUNT=16", "SHUTDOWN_GRACE=25000ms")
                .doesNotContain(TOKEN, PASSWORD, "admin-secret-value");
    }

    @Test
    void aBadVariableIsExitTwoNamingIt() {
        assertThat(run(Map.of("BOT_TOKEN", TOKEN, "SHARD_COUNT", "many"), "node", "--print-config"))
                .isEqualTo(2);
        assertThat(err()).contains("bad configuration", "SHARD_COUNT").doesNotContain(TOKEN);
        assertThat(run(Map.of(), "node", "--print-config")).isEqualTo(2);
        assertThat(err()).contains("BOT_TOKEN", "is required");
        assertThat(run(Map.of("BOT_TOKEN", TOKEN, "SHARD_COUNT", "many"), "node"))
                .isEqualTo(2);
        assertThat(run(Map.of("REDIS_PORT", "99999"), "status")).isEqualTo(2);
        assertThat(err()).contains("REDIS_PORT");
        assertThat(run(Map.of(), "status", "--group", "bad group")).isEqualTo(2);
        assertThat(err()).contains("--group");
    }

    @Test
    void theDemoAndTheFakePassTheirFlagsThroughIncludingHelp() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(run(Map.of(), "demo", "--help")).isZero();
            assertThat(run(Map.of(), "fake-discord", "--help")).isZero();
        } finally {
            System.setOut(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("Usage: bin/demo", "--kill-after", "Usage: fake-discord", "--port");
    }

    private int run(Map<String, String> env, String... args) {
        out.reset();
        err.reset();
        return FlotillaCli.execute(
                args,
                env,
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
