package io.flotilla.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * Rewrites the {@code fake-throughput} section of BENCHMARKS.md (between its start and end markers) with a
 * run's figures, the command, the date and the machine. Touches nothing outside the markers.
 */
final class FakeThroughputReport {

    private FakeThroughputReport() {}

    static void write(Path file, FakeThroughputOptions options, List<FakeThroughput.Result> results, String command)
            throws IOException {
        BenchmarksFile.replaceSection(
                file, "fake-throughput", "## Fake Discord throughput", section(options, results, command));
    }

    private static String section(FakeThroughputOptions options, List<FakeThroughput.Result> results, String command) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "%d shards, one raw Netty client per shard, in-process with the fake (they share the CPUs); "
                        + "%d s measured after %d s warm-up. Dispatches/s counted by the clients.%n%n",
                options.shards(),
                options.seconds(),
                options.warmupSeconds()));
        out.append("| compression | dispatches/s | MB/s on the wire | dispatches per CPU-second | share of the CPUs |\n"
                + "|---|---:|---:|---:|---:|\n");
        for (FakeThroughput.Result result : results) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %,.0f | %.1f | %,.0f | %.0f%% |%n",
                    result.mode(),
                    result.eventsPerSecond(),
                    result.megabytesPerSecond(),
                    result.eventsPerCpuSecond(),
                    100 * result.cpuShare()));
        }
        out.append("\nThe CPUs are shared with other work: \"share of the CPUs\" is what this process got during the"
                + " window, and dispatches per CPU-second (fake, world generator and clients together) is the figure"
                + " that does not depend on that load.\n");
        out.append(String.format(
                Locale.ROOT,
                "%nCommand: `%s` (after `bin/bench-build`)  %nDate: %s, %s%n",
                command,
                LocalDate.now(ZoneOffset.UTC),
                Machine.hardware()));
        return out.toString();
    }
}
