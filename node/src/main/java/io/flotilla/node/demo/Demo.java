package io.flotilla.node.demo;

import io.flotilla.fake.FakeDiscord;
import io.flotilla.fake.FakeDiscordConfig;
import io.flotilla.worker.Keys;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One run of the demo: a temp folder, {@link DemoRedis}, the fake Discord in this JVM, three nodes
 * ({@link DemoNodes}), then a loop that polls {@link DemoWatch} five times a second and, at {@code --kill-after},
 * SIGKILLs node-b (once every shard runs), waits for its shards to resume elsewhere and restarts it. Ends when
 * {@code stop} opens, closing everything in reverse order and deleting the temp folder.
 *
 * <p>Runs on the caller's thread; {@code stop} is the only thing other threads touch.
 */
final class Demo {
    static final String VICTIM = "node-b";
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RESUME_WAIT = Duration.ofSeconds(30);

    private final DemoOptions options;
    private final PrintStream out;
    private final InstantSource clock;
    private final Instant started;

    Demo(DemoOptions options, PrintStream out, InstantSource clock) {
        this.options = options;
        this.out = out;
        this.clock = clock;
        this.started = clock.instant();
    }

    /** Runs until {@code stop} opens; returns once every process it started is gone and the temp folder deleted. */
    void run(CountDownLatch stop) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("flotilla-demo-");
        try (DemoRedis redis = DemoRedis.start(dir);
                FakeDiscord fake = FakeDiscord.start(fakeConfig())) {
            say("Redis    " + redis.uri() + " (pid " + redis.pid() + ", AOF and log in " + dir + ")");
            say("Discord  " + fake.apiUrl() + "   gateway " + fake.gatewayUrl() + "   (the fake, in this JVM)");
            RedisClient client = RedisClient.create(redis.uri().toString());
            // A terminal's Ctrl-C reaches Redis too: no reconnect attempts (and warnings) while the demo stops.
            client.setOptions(ClientOptions.builder().autoReconnect(false).build());
            try (StatefulRedisConnection<String, String> connection = client.connect();
                    DemoNodes nodes = new DemoNodes(env(fake, redis), dir)) {
                for (String name : DemoOptions.NODE_NAMES) {
                    long pid = nodes.start(name);
                    say("started " + name + " (pid " + pid + ", log " + nodes.log(name) + ")");
                }
                DemoWatch watch = new DemoWatch(
                        connection.sync(), fake.log(), Keys.defaults("flotilla"), DemoOptions.SHARDS, clock, this::say);
                loop(stop, watch, nodes);
                say("stopping: nodes, the fake Discord, Redis; deleting " + dir);
            } finally {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        } finally {
            deleteTree(dir);
        }
    }

    private void loop(CountDownLatch stop, DemoWatch watch, DemoNodes nodes) throws IOException, InterruptedException {
        Instant killedAt = null;
        boolean restarted = false;
        while (!stop.await(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
            try {
                watch.poll();
            } catch (RuntimeException e) {
                if (stop.getCount() == 0) {
                    break; // Ctrl-C stopped Redis under the poll: the demo is stopping anyway
                }
                throw e;
            }
            Instant now = clock.instant();
            boolean due = !options.killAfter().isZero()
                    && !Duration.between(started, now)
                            .minus(options.killAfter())
                            .isNegative();
            if (killedAt == null && due && watch.allRunning()) {
                Set<Integer> shards = watch.shardsOf(VICTIM);
                long pid = nodes.kill(VICTIM);
                killedAt = clock.instant();
                watch.killed(VICTIM, killedAt);
                say("SIGKILL " + VICTIM + " (pid " + pid + "); it ran shards " + shards);
            } else if (killedAt != null && !restarted) {
                boolean waitedLong = Duration.between(killedAt, now).compareTo(RESUME_WAIT) > 0;
                if (watch.resumedAll() || waitedLong) {
                    restarted = true;
                    say((waitedLong ? "not every shard resumed within " + RESUME_WAIT.toSeconds() + " s; " : "")
                            + "restarting " + VICTIM + " (pid " + nodes.start(VICTIM) + "); watch the rebalance");
                }
            }
        }
    }

    private FakeDiscordConfig fakeConfig() {
        return FakeDiscordConfig.builder()
                .shardCount(DemoOptions.SHARDS)
                .maxConcurrency(DemoOptions.MAX_CONCURRENCY)
                .eventsPerSecondPerShard(options.rate())
                .port(options.port())
                .identifyWindow(Duration.ofSeconds(1)) // short, so 16 shards start in seconds
                .heartbeatInterval(Duration.ofSeconds(5))
                .reconnectCloseDelay(Duration.ofMillis(500))
                .sessionRetention(Duration.ofSeconds(60))
                .build();
    }

    /** The nodes' environment: this fake and Redis, and the short test-only timings so a failover takes seconds. */
    private static Map<String, String> env(FakeDiscord fake, DemoRedis redis) {
        Map<String, String> env = new HashMap<>();
        env.put("BOT_TOKEN", fake.config().token());
        env.put("REDIS_URL", redis.uri().toString());
        env.put("DISCORD_API_URL", fake.apiUrl().toString());
        env.put("SHARD_COUNT", Integer.toString(DemoOptions.SHARDS));
        env.put("GROUP_NAME", "flotilla");
        env.put("EXPECTED_NODES", Integer.toString(DemoOptions.NODE_NAMES.length)); // place once all three joined
        env.put("SHUTDOWN_GRACE", "3s"); // a demo stop should be quick; DemoNodes waits 5 s
        env.put("FLOTILLA_LEASE_TTL_MS", "2000");
        env.put("FLOTILLA_MEMBERSHIP_TTL_MS", "2500");
        env.put("FLOTILLA_TICK_MS", "250");
        env.put("FLOTILLA_IDENTIFY_WINDOW_MS", "1150"); // the fake's window and a margin
        env.put("FLOTILLA_RECONNECT_BACKOFF_MS", "50");
        return env;
    }

    private synchronized void say(String line) {
        double seconds = Duration.between(started, clock.instant()).toMillis() / 1000.0;
        out.println(String.format(Locale.ROOT, "[%5.1fs] %s", seconds, line));
        out.flush();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> paths = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path path : paths) {
                Files.deleteIfExists(path);
            }
        }
    }
}
