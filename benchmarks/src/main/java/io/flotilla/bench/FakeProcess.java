package io.flotilla.bench;

import io.flotilla.fake.FakeDiscord;
import io.flotilla.fake.FakeDiscordConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The fake Discord as a load generator in a child JVM, so a benchmark's own process holds only the node and its
 * CPU time is the node's. The child ({@link #serve}) generates for N shards as fast as each connection takes
 * events, prints {@code PORT <n>} and lives until its stdin closes. With a replay pool each shard generates that
 * many events once and then cycles them, so the generator's CPU cost (real Discord's, not the node's) is paid
 * once instead of per event; the world then stops changing, which a throughput measurement does not need. Not thread-safe; {@link #close} ends it.
 */
final class FakeProcess implements AutoCloseable {
    static final String TOKEN = "node-bench-token";
    static final String FLAG = "--fake-server";
    /** Events per second per shard when the fake is not to limit them (it sends as fast as the client reads). */
    static final double UNLIMITED = 1_000_000;

    private static final String RATE_PROPERTY = "flotilla.bench.ratePerShard";

    private final Process process;
    private final URI gateway;

    private FakeProcess(Process process, URI gateway) {
        this.process = process;
        this.gateway = gateway;
    }

    /** Starts the child with {@code mainClass FLAG shards replayPool} and waits for its port. */
    static FakeProcess start(Class<?> mainClass, int shards, int replayPool) throws IOException {
        return start(mainClass, shards, replayPool, UNLIMITED);
    }

    /** As above, each shard sending at most {@code ratePerShard} events per second. */
    static FakeProcess start(Class<?> mainClass, int shards, int replayPool, double ratePerShard) throws IOException {
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx2g",
                        "-D" + RATE_PROPERTY + "=" + ratePerShard,
                        "-cp",
                        System.getProperty("java.class.path"),
                        mainClass.getName(),
                        FLAG,
                        Integer.toString(shards),
                        Integer.toString(replayPool))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        do {
            line = out.readLine();
        } while (line != null && !line.startsWith("PORT "));
        if (line == null) {
            process.destroyForcibly();
            throw new IllegalStateException("the fake Discord child process ended before printing its port");
        }
        return new FakeProcess(
                process, URI.create("ws://127.0.0.1:" + line.substring(5).trim()));
    }

    /**
     * The child's side: a fake for {@code shards} shards, generating without a ceiling (cycling a pool of
     * {@code replayPool} events per shard when above 0), until stdin closes.
     */
    static void serve(int shards, int replayPool) throws IOException {
        FakeDiscordConfig config = config(shards, replayPool);
        try (FakeDiscord fake = FakeDiscord.start(config)) {
            System.out.println("PORT " + fake.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Lives until the parent closes our stdin (or dies).
            }
        }
    }

    /**
     * The fake's settings: a small world (2 guilds of 50 members per shard), no rate ceiling unless the parent set one
     * ({@link #start(Class, int, int, double)}), every shard
     * identifying at once, nothing recorded per dispatch (the log keeps only connections, identifies, resumes and
     * session ends), and sessions a client dropped without 1000 kept 5 s only (not generated into for minutes while
     * the next contender runs).
     */
    static FakeDiscordConfig config(int shards, int replayPool) {
        return FakeDiscordConfig.builder()
                .token(TOKEN)
                .shardCount(shards)
                .guildsPerShard(2)
                .membersPerGuild(50)
                .maxConcurrency(shards)
                .identifyWindow(Duration.ofMillis(1))
                .eventsPerSecondPerShard(Double.parseDouble(System.getProperty(RATE_PROPERTY, "" + UNLIMITED)))
                .replayPool(replayPool)
                .recordDispatches(false)
                .sessionRetention(Duration.ofSeconds(5))
                .build();
    }

    URI gateway() {
        return gateway;
    }

    /** CPU seconds the child used so far (0 when the platform does not say). */
    double cpuSeconds() {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e9;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
