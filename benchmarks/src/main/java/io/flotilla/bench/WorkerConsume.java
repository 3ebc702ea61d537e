package io.flotilla.bench;

import io.flotilla.fake.world.Dispatch;
import io.flotilla.fake.world.EventGenerator;
import io.flotilla.fake.world.World;
import io.flotilla.fake.world.WorldOptions;
import io.flotilla.testkit.RedisProcess;
import io.flotilla.worker.EventFields;
import io.flotilla.worker.Keys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How fast one worker consumes and acknowledges events (issue 15): a fresh Redis (AOF on) is filled with
 * {@code count} MESSAGE_CREATE entries in the documented format (the fake Discord's generated messages, about 1 KB
 * each), then, one after the other on the same stream, each consumer reads it whole in its own new group: the Java
 * SDK's {@link io.flotilla.worker.Worker} with group-wide de-duplication on and off ({@link JavaConsumer}), and a
 * Python consumer written from the spec ({@code benchmarks/python/consume.py}, redis-py). Each parses every
 * {@code d} and acknowledges every entry. Printed: events/s, CPU of the consumer's process and of Redis, and events
 * per consumer CPU-second; with {@code --write}, the table goes into BENCHMARKS.md.
 *
 * <p>Usage: {@code WorkerConsume [count] [--write]} (default 200,000).
 */
public final class WorkerConsume {
    private static final int BATCH = 100;

    private WorkerConsume() {}

    public static void main(String[] args) throws Exception {
        long count = args.length > 0 && !args[0].startsWith("--") ? Long.parseLong(args[0]) : 200_000;
        boolean write = List.of(args).contains("--write");
        Keys keys = Keys.defaults("bench");
        String stream = keys.events("MESSAGE_CREATE");
        Map<String, String> rows = new LinkedHashMap<>();
        try (RedisProcess server = RedisProcess.startNew()) {
            RedisClient client = RedisClient.create(server.uri().toString());
            try (StatefulRedisConnection<String, String> connection = client.connect();
                    RedisStats stats = new RedisStats(client.connect())) {
                int bytes = fill(connection.async(), stream, count);
                System.out.printf(Locale.ROOT, "%,d entries of %,d bytes on average in %s%n", count, bytes, stream);
                String uri = server.uri().toString();
                measure(rows, "Java SDK, dedup on", stats, count, javaConsumer(uri, "java-dedup", count, "on"));
                measure(rows, "Java SDK, dedup off", stats, count, javaConsumer(uri, "java-plain", count, "off"));
                measure(
                        rows,
                        "Python (redis-py), window dedup",
                        stats,
                        count,
                        List.of(
                                "/usr/bin/python3",
                                Path.of("benchmarks", "python", "consume.py").toString(),
                                server.uri().toString(),
                                stream,
                                "python",
                                "" + count,
                                "" + BATCH));
            } finally {
                client.shutdown();
            }
        }
        String table = "| consumer | events/s | consumer CPU | Redis CPU | events per consumer CPU-second |\n"
                + "|---|---:|---:|---:|---:|\n" + String.join("\n", rows.values()) + "\n";
        System.out.println();
        System.out.print(table);
        if (write) {
            BenchmarksFile.replaceSection(
                    BenchmarksFile.find(),
                    "worker-consume",
                    "## One worker consuming and acknowledging (issue 15)",
                    WorkerConsumeReport.body(count, BATCH, table));
        }
    }

    /** The command running {@link JavaConsumer} in a JVM of its own on this class path. */
    private static List<String> javaConsumer(String uri, String group, long count, String dedup) {
        return List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                JavaConsumer.class.getName(),
                uri,
                group,
                Long.toString(count),
                dedup,
                Integer.toString(BATCH));
    }

    /** XADDs {@code count} generated MESSAGE_CREATEs, pipelined; returns their mean size. */
    private static int fill(RedisAsyncCommands<String, String> redis, String stream, long count) throws Exception {
        EventGenerator events = World.generate(WorldOptions.small(42)).events(0, 2);
        List<String> pool = new ArrayList<>();
        while (pool.size() < 2_000) {
            Dispatch dispatch = events.next();
            if (dispatch.type().equals("MESSAGE_CREATE")) {
                pool.add(new String(dispatch.data(), StandardCharsets.UTF_8));
            }
        }
        long total = 0;
        List<RedisFuture<String>> pending = new ArrayList<>();
        for (long seq = 1; seq <= count; seq++) {
            String d = pool.get((int) (seq % pool.size()));
            total += d.length();
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put(EventFields.SHARD, "0");
            entry.put(EventFields.SEQ, Long.toString(seq));
            entry.put(EventFields.SESSION, "bench-session");
            entry.put(EventFields.TYPE, "MESSAGE_CREATE");
            entry.put(EventFields.DATA, d);
            entry.put(EventFields.RECEIVED_AT, Long.toString(System.currentTimeMillis()));
            pending.add(redis.xadd(stream, entry));
            if (pending.size() == 1_000) {
                for (RedisFuture<String> future : pending) {
                    future.get(30, TimeUnit.SECONDS);
                }
                pending.clear();
            }
        }
        for (RedisFuture<String> future : pending) {
            future.get(30, TimeUnit.SECONDS);
        }
        return (int) (total / count);
    }

    private static void measure(
            Map<String, String> rows, String name, RedisStats stats, long count, List<String> command)
            throws IOException, InterruptedException {
        double redisBefore = stats.cpuSeconds();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String done = null;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("done ")) {
                    done = line;
                } else if (line.contains("Exception") || line.contains("Error")) {
                    System.out.println("  " + name + ": " + line);
                }
            }
        }
        process.waitFor(60, TimeUnit.SECONDS);
        if (done == null) {
            throw new IllegalStateException(name + " ended without a result (exit " + process.exitValue() + ")");
        }
        String[] parts = done.split(" ");
        long handled = Long.parseLong(parts[1]);
        double wall = Long.parseLong(parts[2]) / 1000.0;
        double cpu = Long.parseLong(parts[3]) / 1000.0;
        double redis = stats.cpuSeconds() - redisBefore;
        if (handled != count) {
            throw new IllegalStateException(name + " handled " + handled + " of " + count);
        }
        String row = String.format(
                Locale.ROOT,
                "| %s | %,.0f | %.2f s (%.0f %%) | %.2f s (%.0f %%) | %,.0f |",
                name,
                handled / wall,
                cpu,
                100 * cpu / wall,
                redis,
                100 * redis / wall,
                handled / cpu);
        System.out.println(row);
        rows.put(name, row);
    }
}
