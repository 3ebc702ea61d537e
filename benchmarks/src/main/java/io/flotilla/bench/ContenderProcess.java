package io.flotilla.bench;

import io.flotilla.node.NodeJvm;
import io.flotilla.protocol.compress.Compression;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The parent's handle on one {@link IngestChild} JVM: starts it, reads its {@code INGEST} lines (its other output,
 * the libraries' logs, goes to this process's stderr when it is a warning) and ends it by closing its stdin. Not
 * thread-safe: the driver's main thread uses it.
 */
final class ContenderProcess implements AutoCloseable {

    /** A mark the child printed: its clock, its own CPU time and its count at that moment. */
    record Mark(long nanos, long cpuNanos, long count) {}

    private final Process process;
    private final BufferedReader out;

    private ContenderProcess(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static ContenderProcess start(
            String kind, IngestOptions options, URI gateway, Compression compression, String redis) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(NodeJvm.options());
        command.addAll(options.childJvmArgs());
        command.addAll(List.of(
                "-cp",
                options.contenderClasspath(),
                IngestChild.class.getName(),
                kind,
                Integer.toString(options.warmupSeconds()),
                Integer.toString(options.seconds()),
                Integer.toString(options.shards()),
                gateway.toString(),
                compression.name(),
                redis,
                Integer.toString(options.lanes())));
        return new ContenderProcess(new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start());
    }

    /** Waits for the child's next mark (it prints one after the warm-up and one after the window). */
    Mark awaitMark() throws IOException {
        String[] parts = awaitLine("MARK ").split(" ", -1);
        return new Mark(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
    }

    /** Waits for the child's note, printed after its last mark. */
    String awaitNote() throws IOException {
        return awaitLine("NOTE ");
    }

    private String awaitLine(String kind) throws IOException {
        String prefix = IngestChild.PREFIX + kind;
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length());
            }
            if (line.contains(" WARN ") || line.contains(" ERROR ") || line.startsWith("Exception")) {
                System.err.println("  child: " + line);
            }
        }
        throw new IllegalStateException("the contender's JVM ended before printing its " + kind.trim() + " line (exit "
                + waitExit() + "); its errors are above");
    }

    private String waitExit() {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.getOutputStream().close();
        // Drain what it still prints so it never blocks on a full pipe while shutting down.
        Thread drain = Thread.ofPlatform().daemon().start(() -> {
            try {
                while (out.readLine() != null) {
                    // discarded
                }
            } catch (IOException e) {
                // the child is gone
            }
        });
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        drain.join(1000);
    }
}
