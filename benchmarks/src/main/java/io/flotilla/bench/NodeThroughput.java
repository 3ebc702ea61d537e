package io.flotilla.bench;

import io.flotilla.protocol.compress.Compression;
import io.flotilla.testkit.RedisProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * One node's throughput through Redis: starts a Redis ({@link RedisProcess}, AOF on as in production) and the
 * fake Discord in a child JVM ({@link FakeProcess}, generating as fast as connections take events, by default
 * cycling a pre-generated pool per shard so the load generator costs little CPU, so this JVM's
 * CPU time is the node's alone), runs N shards (default 16) through
 * the committing sink and the batch committer, and counts the dispatches COMMITTED (the shards' committed seqs)
 * during a window after a warm-up (and after one whole unmeasured run, for the JIT). Per transport compression it measures queues on with the Redis cache on, and
 * queues on with the cache off; each mode gets a fresh Redis and fake. Writes the table into BENCHMARKS.md.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar io.flotilla.bench.NodeThroughput [--shards 16]
 * [--seconds 10] [--warmup 5] [--compression none,zlib-stream] [--cache on,off] [--lanes 4] [--replay-pool 20000 (0: off)]
 * [--file BENCHMARKS.md]}
 */
public final class NodeThroughput {
    private static final String TOKEN = "node-bench-token";

    private NodeThroughput() {}

    /** One mode's measurement; CPU seconds of the node (this JVM), the fake (child JVM) and Redis. */
    record Result(
            Compression compression,
            boolean cache,
            long committed,
            double seconds,
            double nodeCpu,
            double fakeCpu,
            double redisCpu,
            long transactions) {
        double eventsPerSecond() {
            return committed / seconds;
        }

        /** Mean dispatches per MULTI/EXEC (the batch size the lanes' group commit reached). */
        double eventsPerTransaction() {
            return transactions == 0 ? 0 : (double) committed / transactions;
        }

        /** Committed events per second of the node's own CPU: what a node with a core to itself would do. */
        double eventsPerNodeCpuSecond() {
            return committed / nodeCpu;
        }

        String cacheName() {
            return cache ? "redis" : "off";
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals(FakeProcess.FLAG)) {
            FakeProcess.serve(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            return;
        }
        NodeThroughputOptions options = NodeThroughputOptions.parse(args);
        // The first run in a JVM pays for JIT compilation (its compiler threads count as node CPU): run the first
        // mode once unmeasured.
        Result discarded =
                run(options, options.compressions().get(0), options.caches().get(0));
        System.out.printf(Locale.ROOT, "warm-up run (discarded): %,.0f events/s%n", discarded.eventsPerSecond());
        List<Result> results = new ArrayList<>();
        for (Compression compression : options.compressions()) {
            for (boolean cache : options.caches()) {
                Result result = run(options, compression, cache);
                results.add(result);
                System.out.printf(
                        Locale.ROOT,
                        "%-12s cache %-5s %,10.0f committed events/s %,10.0f per node CPU-s   CPUs: node %4.2f,"
                                + " fake %4.2f, Redis %4.2f; %.0f per transaction%n",
                        compression,
                        result.cacheName(),
                        result.eventsPerSecond(),
                        result.eventsPerNodeCpuSecond(),
                        result.nodeCpu() / result.seconds(),
                        result.fakeCpu() / result.seconds(),
                        result.redisCpu() / result.seconds(),
                        result.eventsPerTransaction());
            }
        }
        String command = ("java -cp benchmarks/target/benchmarks.jar io.flotilla.bench.NodeThroughput "
                        + String.join(" ", args))
                .trim();
        NodeThroughputReport.write(options.file(), options, results, command);
        System.out.println("updated " + options.file().toAbsolutePath());
    }

    static Result run(NodeThroughputOptions options, Compression compression, boolean withCache) throws Exception {
        try (RedisProcess redis = RedisProcess.startNew();
                FakeProcess fake = FakeProcess.start(NodeThroughput.class, options.shards(), options.replayPool());
                BenchNode node = new BenchNode(redis.uri(), options.lanes(), withCache)) {
            RedisClient client = RedisClient.create(RedisURI.create(redis.uri().toString()));
            try (RedisStats stats = new RedisStats(client.connect())) {
                node.startShards(options.shards(), fake.gateway(), FakeProcess.TOKEN, compression);
                TimeUnit.SECONDS.sleep(options.warmupSeconds());
                long before = node.committed();
                double cpuBefore = processCpuSeconds();
                double fakeBefore = fake.cpuSeconds();
                double redisBefore = stats.cpuSeconds();
                long execBefore = stats.calls("exec") + stats.calls("evalsha");
                long start = System.nanoTime();
                TimeUnit.SECONDS.sleep(options.seconds());
                long after = node.committed();
                double seconds = (System.nanoTime() - start) / 1e9;
                return new Result(
                        compression,
                        withCache,
                        after - before,
                        seconds,
                        processCpuSeconds() - cpuBefore,
                        fake.cpuSeconds() - fakeBefore,
                        stats.cpuSeconds() - redisBefore,
                        stats.calls("exec") + stats.calls("evalsha") - execBefore);
            } finally {
                client.shutdown();
            }
        }
    }

    private static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
    }
}
