package io.flotilla.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Rewrites the {@code node-throughput} section of BENCHMARKS.md (between its markers) with a run's figures, the
 * command, the date and the machine; adds the section with its heading at the end when the file has none.
 */
final class NodeThroughputReport {

    private NodeThroughputReport() {}

    static void write(Path file, NodeThroughputOptions options, List<NodeThroughput.Result> results, String command)
            throws IOException {
        BenchmarksFile.replaceSection(
                file, "node-throughput", "## One node through Redis", section(options, results, command));
    }

    private static String section(NodeThroughputOptions options, List<NodeThroughput.Result> results, String command) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "Run %s on %s, shared with other builds.%n%n```%nbin/bench-build%n%s%n```%n%n",
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                Machine.hardware(),
                command));
        out.append(String.format(
                Locale.ROOT,
                "%d shards in one node (one shared 2-thread event loop group) → committing sink → batch committer "
                        + "(%d lanes, batches ≤ 256, 32 per round) → a fresh Redis per mode (AOF on, everysec). The "
                        + "fake Discord runs in a child JVM, generating as fast as each connection takes events%s; "
                        + "node, fake and Redis share the machine's CPUs. Counted: dispatches COMMITTED (the shards' "
                        + "committed seqs) in %d s after %d s warm-up, after one unmeasured run of the first mode (JIT). Every "
                        + "event is queued (default filter). "
                        + "\"per node CPU-second\" = committed events / CPU time of the node's JVM alone.%n%n",
                options.shards(),
                options.lanes(),
                options.replayPool() > 0
                        ? String.format(
                                Locale.ROOT,
                                " by cycling a pool of %,d events per shard generated once (the world stops changing;"
                                        + " real Discord is not on the node's machine)",
                                options.replayPool())
                        : " from the world generator (no replay pool)",
                options.seconds(),
                options.warmupSeconds()));
        out.append("| compression | cache | queues | committed events/s | per node CPU-second | CPUs: node | fake |"
                + " Redis | events per transaction |\n|---|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (NodeThroughput.Result result : results) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | on | %,.0f | %,.0f | %.2f | %.2f | %.2f | %.0f |%n",
                    result.compression().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    result.cacheName(),
                    result.eventsPerSecond(),
                    result.eventsPerNodeCpuSecond(),
                    result.nodeCpu() / result.seconds(),
                    result.fakeCpu() / result.seconds(),
                    result.redisCpu() / result.seconds(),
                    result.eventsPerTransaction()));
        }
        return out.toString();
    }
}
