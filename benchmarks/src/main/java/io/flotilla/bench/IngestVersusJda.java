package io.flotilla.bench;

import io.flotilla.protocol.compress.Compression;
import io.flotilla.testkit.RedisProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Issue 16's side-by-side run: ONE fake Discord stream (a child JVM, {@link FakeProcess}: replay pool, nothing
 * recorded per dispatch) and, one after the other, each contender in a JVM of its own ({@link IngestChild}) so
 * its CPU time is its own: the node's data path with the cache off and on ({@link BenchNode}), JDA's ShardManager
 * ({@link JdaShards}) and a Redis-only committer (the node's commit script, no gateway). Each node and Redis-only
 * run gets a fresh Redis (AOF on). Per compression, prints events/s, CPU-seconds of the contender, the fake and
 * Redis, events per CPU-second of the contender's JVM, and the ratios node/JDA and node/Redis-only; {@code
 * --write} puts them into BENCHMARKS.md.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.flotilla.bench.IngestVersusJda [--seconds 10]
 * [--warmup 5] [--compression none,zlib-stream] [--contenders node-off,node-on,jda,redis-only] [--child-jvm
 * "-XX:StartFlightRecording=filename=/tmp/x.jfr"] [--write]}
 */
public final class IngestVersusJda {

    private IngestVersusJda() {}

    /**
     * One contender's window.
     *
     * @param redisCpu Redis's CPU seconds in the window, NaN for a contender without Redis
     * @param rewrites AOF rewrites Redis forked in the window
     * @param rewriteCpu CPU seconds of the rewrites that ended in the window (their forked processes)
     * @param load the machine's 1-minute load average at the end of the window
     */
    record Result(
            String kind,
            Compression compression,
            long events,
            double seconds,
            double ownCpu,
            double fakeCpu,
            double redisCpu,
            long rewrites,
            double rewriteCpu,
            double load,
            String note) {
        double eventsPerSecond() {
            return events / seconds;
        }

        double eventsPerCpuSecond() {
            return events / ownCpu;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals(FakeProcess.FLAG)) {
            FakeProcess.serve(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            return;
        }
        IngestOptions options = IngestOptions.parse(args);
        List<Result> results = new ArrayList<>();
        try (FakeProcess fake = FakeProcess.start(
                IngestVersusJda.class, options.shards(), options.replayPool(), options.ratePerShard())) {
            for (Compression compression : options.compressions()) {
                for (String kind : options.contenders()) {
                    if (kind.equals("redis-only")
                            && compression != options.compressions().get(0)) {
                        continue; // no gateway: compression does not apply; once per run
                    }
                    Result result = run(options, fake, kind, compression);
                    results.add(result);
                    System.out.println(IngestReport.line(result));
                }
            }
        }
        System.out.println();
        System.out.print(IngestReport.ratios(results));
        if (options.write()) {
            String command = ("java -cp benchmarks/target/benchmarks.jar io.flotilla.bench.IngestVersusJda "
                            + String.join(" ", args))
                    .trim();
            IngestReport.write(options, results, command);
            System.out.println("updated " + options.file().toAbsolutePath());
        }
    }

    private static Result run(IngestOptions options, FakeProcess fake, String kind, Compression compression)
            throws Exception {
        boolean needsRedis = !kind.equals("jda");
        try (RedisProcess redis = needsRedis ? RedisProcess.startNew() : null;
                CpuNeighbour neighbour = CpuNeighbour.start(options.neighbourCpus(), 2)) {
            RedisClient client = redis == null
                    ? null
                    : RedisClient.create(RedisURI.create(redis.uri().toString()));
            try (RedisStats stats = client == null ? null : new RedisStats(client.connect());
                    ContenderProcess child = ContenderProcess.start(
                            kind,
                            options,
                            fake.gateway(),
                            compression,
                            redis == null ? "-" : redis.uri().toString())) {
                if (stats != null && !options.aofRewrites()) {
                    stats.disableAofRewrites();
                }
                ContenderProcess.Mark start = child.awaitMark();
                double fakeBefore = fake.cpuSeconds();
                RedisStats.Usage before = usage(stats);
                ContenderProcess.Mark end = child.awaitMark();
                double fakeCpu = fake.cpuSeconds() - fakeBefore;
                RedisStats.Usage redisUsed = usage(stats).minus(before);
                return new Result(
                        kind,
                        compression,
                        end.count() - start.count(),
                        (end.nanos() - start.nanos()) / 1e9,
                        (end.cpuNanos() - start.cpuNanos()) / 1e9,
                        fakeCpu,
                        redisUsed.cpu(),
                        redisUsed.forks(),
                        redisUsed.childCpu(),
                        loadAverage(),
                        child.awaitNote());
            } finally {
                if (client != null) {
                    client.shutdown();
                }
            }
        }
    }

    private static RedisStats.Usage usage(@Nullable RedisStats stats) {
        return stats == null ? RedisStats.Usage.NONE : stats.usage();
    }

    /** The 1-minute load average (Linux), NaN elsewhere. */
    private static double loadAverage() {
        try {
            String text = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII);
            return Double.parseDouble(text.substring(0, text.indexOf(' ')));
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    static String name(Compression compression) {
        return compression.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
