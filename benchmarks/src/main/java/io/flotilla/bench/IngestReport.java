package io.flotilla.bench;

import io.flotilla.protocol.compress.Compression;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@link IngestVersusJda}'s output: a line per contender, the ratios (node/JDA in events per own CPU-second,
 * node/Redis-only in events/s), and the {@code ingest-versus-jda} section of BENCHMARKS.md. Stateless.
 */
final class IngestReport {

    private IngestReport() {}

    static String line(IngestVersusJda.Result r) {
        return String.format(
                Locale.ROOT,
                "%-11s %-11s %,9.0f events/s %,9.0f per own CPU-s   CPUs: own %4.2f, fake %4.2f, Redis %s"
                        + " (%s µs per event; AOF rewrites %s); load %.1f %s",
                r.kind(),
                IngestVersusJda.name(r.compression()),
                r.eventsPerSecond(),
                r.eventsPerCpuSecond(),
                r.ownCpu() / r.seconds(),
                r.fakeCpu() / r.seconds(),
                Double.isNaN(r.redisCpu()) ? "  - " : String.format(Locale.ROOT, "%4.2f", r.redisCpu() / r.seconds()),
                redisMicros(r),
                rewrites(r),
                r.load(),
                r.note());
    }

    /**
     * The AOF rewrites Redis forked in the window and the CPU-seconds of those that ended in it: a rewrite runs in
     * a forked process on whichever core is free, so on two cores it competes with the contender and the fake.
     */
    static String rewrites(IngestVersusJda.Result r) {
        return Double.isNaN(r.redisCpu())
                ? "-"
                : String.format(Locale.ROOT, "%d, %.1f CPU-s", r.rewrites(), r.rewriteCpu());
    }

    /**
     * Redis CPU per committed event, in µs. The same commands cost Redis more when the node and the fake run beside
     * it on the same two cores (caches, memory bandwidth, scheduling), so this column says how much of a gap to the
     * Redis-only driver is Redis itself slowing down rather than the node not feeding it.
     */
    static String redisMicros(IngestVersusJda.Result r) {
        return Double.isNaN(r.redisCpu()) ? "-" : String.format(Locale.ROOT, "%.1f", 1e6 * redisCpuPerEvent(r));
    }

    /** Redis CPU-seconds per committed event (NaN for a contender without Redis). */
    private static double redisCpuPerEvent(IngestVersusJda.Result r) {
        return r.redisCpu() / (r.eventsPerSecond() * r.seconds());
    }

    /** Node/JDA per own CPU-second for each compression, and node events/s over the Redis-only driver's. */
    static String ratios(List<IngestVersusJda.Result> results) {
        StringBuilder out = new StringBuilder();
        Optional<IngestVersusJda.Result> redisOnly = find(results, "redis-only", null);
        for (Compression compression : results.stream()
                .map(IngestVersusJda.Result::compression)
                .distinct()
                .toList()) {
            Optional<IngestVersusJda.Result> jda = find(results, "jda", compression);
            for (String node : List.of("node-off", "node-on")) {
                Optional<IngestVersusJda.Result> mine = find(results, node, compression);
                if (mine.isEmpty()) {
                    continue;
                }
                String name = IngestVersusJda.name(compression);
                if (jda.isPresent()) {
                    out.append(String.format(
                            Locale.ROOT,
                            "%s %s / JDA, events per own CPU-second: %.2f x%n",
                            node,
                            name,
                            mine.get().eventsPerCpuSecond() / jda.get().eventsPerCpuSecond()));
                }
                if (redisOnly.isPresent()) {
                    IngestVersusJda.Result driver = redisOnly.get();
                    out.append(String.format(
                            Locale.ROOT,
                            "%s %s / Redis-only, committed events/s: %.0f %%; Redis CPU per event: %.2f x%n",
                            node,
                            name,
                            100 * mine.get().eventsPerSecond() / driver.eventsPerSecond(),
                            redisCpuPerEvent(mine.get()) / redisCpuPerEvent(driver)));
                }
            }
        }
        return out.toString();
    }

    static void write(IngestOptions options, List<IngestVersusJda.Result> results, String command) throws IOException {
        BenchmarksFile.replaceSection(
                options.file(),
                "ingest-versus-jda",
                "## The node beside JDA and a Redis-only driver (issue 16)",
                section(options, results, command));
    }

    private static String section(IngestOptions options, List<IngestVersusJda.Result> results, String command) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "Run %s on %s; the load column is the machine's 1-minute load average at the"
                        + " end of each window (the run itself accounts for about 2-3 of it).%n%n```%nbin/bench-build%n%s"
                        + "%n```%n%n",
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                Machine.hardware(),
                command));
        out.append(String.format(
                Locale.ROOT,
                "One fake Discord (its own JVM, cycling a pool of %,d events per shard, nothing recorded per dispatch),"
                        + " %d shards, every intent; each contender in a JVM of its own, one after the other: the"
                        + " node's data path (%d lanes) with the cache off and with the Redis cache, a fresh Redis"
                        + " (AOF on) each; JDA %s's ShardManager with its full cache (every cache flag, every member);"
                        + " a Redis-only driver committing the same event bytes through the commit script (%d"
                        + " connections, 32 batches of 256 pipelined). %d s measured after %d s warm-up."
                        + " \"per own CPU-s\" = events / CPU time of the contender's JVM alone.%n%n",
                options.replayPool(),
                options.shards(),
                options.lanes(),
                net.dv8tion.jda.api.JDAInfo.VERSION,
                options.lanes(),
                options.seconds(),
                options.warmupSeconds()));
        if (options.ratePerShard() < FakeProcess.UNLIMITED) {
            out.append(String.format(
                    Locale.ROOT,
                    "The fake sent at most %,.0f events/s per shard (--rate): every contender had the same load.%n%n",
                    options.ratePerShard()));
        }
        if (!options.contenderClasspath().equals(System.getProperty("java.class.path"))) {
            out.append("The contenders ran from " + options.contenderClasspath() + " (--contender-jar).\n\n");
        }
        if (options.neighbourCpus() > 0) {
            out.append(String.format(
                    Locale.ROOT,
                    "Beside every contender, a neighbour that talks to nobody burned %.2f CPUs in bursts (--neighbour).%n%n",
                    options.neighbourCpus()));
        }
        if (!options.aofRewrites()) {
            out.append("Redis never rewrote its AOF (--aof-rewrite off): no forked rewrite shared the cores.\n\n");
        }
        out.append("| contender | compression | events/s | per own CPU-second | CPUs: own | fake | Redis |"
                + " Redis µs per event | AOF rewrites | load |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (IngestVersusJda.Result r : results) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %,.0f | %,.0f | %.2f | %.2f | %s | %s | %s | %.1f |%n",
                    r.kind(),
                    r.kind().equals("redis-only") ? "-" : IngestVersusJda.name(r.compression()),
                    r.eventsPerSecond(),
                    r.eventsPerCpuSecond(),
                    r.ownCpu() / r.seconds(),
                    r.fakeCpu() / r.seconds(),
                    Double.isNaN(r.redisCpu()) ? "-" : String.format(Locale.ROOT, "%.2f", r.redisCpu() / r.seconds()),
                    redisMicros(r),
                    rewrites(r),
                    r.load()));
        }
        out.append("\n```\n").append(ratios(results));
        for (IngestVersusJda.Result r : results) {
            if (!r.note().isEmpty()) {
                out.append(r.kind())
                        .append(' ')
                        .append(IngestVersusJda.name(r.compression()))
                        .append(": ")
                        .append(r.note())
                        .append('\n');
            }
        }
        out.append("```\n");
        return out.toString();
    }

    private static Optional<IngestVersusJda.Result> find(
            List<IngestVersusJda.Result> results,
            String kind,
            @org.jspecify.annotations.Nullable Compression compression) {
        return results.stream()
                .filter(r -> r.kind().equals(kind) && (compression == null || r.compression() == compression))
                .findFirst();
    }
}
