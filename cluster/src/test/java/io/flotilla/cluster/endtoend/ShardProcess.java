package io.flotilla.cluster.endtoend;

import io.flotilla.worker.Keys;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * A node with one shard in its own JVM, for {@link ShardCrashIT}: the test kills it with SIGKILL, the way a node
 * dies. Arguments: {@code <redis-uri> <key-prefix> <queue-prefix> <gateway-url> <shard-id> <shard-total>}; the
 * token comes from the environment variable {@value #TOKEN_VARIABLE} (never on the command line). Every state
 * change is printed to stdout as {@code STATE <state>}; it runs until killed (or until stdin closes).
 */
final class ShardProcess {
    static final String TOKEN_VARIABLE = "FLOTILLA_TEST_TOKEN";
    /** How long a child JVM may take to start and reach READY on a loaded machine. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private ShardProcess() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            throw new IllegalArgumentException(
                    "usage: ShardProcess <redis-uri> <key-prefix> <queue-prefix> <gateway-url> <shard-id> <total>");
        }
        String token = Objects.requireNonNull(System.getenv(TOKEN_VARIABLE), TOKEN_VARIABLE + " must hold the token");
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        RedisGatewayNode.Settings settings = new RedisGatewayNode.Settings(
                URI.create(args[0]),
                new Keys(args[1], args[2], "test"),
                URI.create(args[3]),
                token,
                Integer.parseInt(args[5]),
                FakeTraffic.SEND_WINDOW);
        CountDownLatch parentGone = new CountDownLatch(1);
        // The test JVM holds stdin open; when it ends without killing us, the closed pipe ends this JVM too.
        Thread.ofPlatform().daemon(true).start(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nothing is sent on stdin; only its end matters
                }
            } catch (IOException e) {
                out.println("stdin failed: " + e);
            }
            parentGone.countDown();
        });
        try (RedisGatewayNode node = new RedisGatewayNode(settings)) {
            node.start(Integer.parseInt(args[4]), change -> out.println("STATE " + change.to()));
            parentGone.await();
        }
    }

    /** The command line that runs this class in a new JVM with the test's own java and classpath. */
    static List<String> command(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ShardProcess.class.getName());
        command.addAll(args);
        return command;
    }
}
