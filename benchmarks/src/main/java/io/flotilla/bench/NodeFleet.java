package io.flotilla.bench;

import io.flotilla.node.NodeJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Node processes for the cluster benchmarks: each a {@code java io.flotilla.node.Main} child JVM on this JVM's
 * class path, configured by environment variables, logging to a file under the system temp folder, killed with
 * SIGKILL or stopped with SIGTERM on demand, and killed when the fleet closes; optionally with the launcher's
 * class-data archive. Not thread-safe: one benchmark
 * thread drives it.
 */
final class NodeFleet implements AutoCloseable {
    private final Map<String, String> env;
    private final Path logs;
    private final Map<String, Process> nodes = new HashMap<>();
    private @Nullable Path archive;

    /** @param env the variables every node gets (Redis, the fake's API, shard count, test timings) */
    NodeFleet(Map<String, String> env) throws IOException {
        this.env = Map.copyOf(env);
        this.logs = Files.createTempDirectory("flotilla-bench-nodes-");
    }

    /**
     * From now on every node starts as {@code ./flotilla node} starts one: with a class-data archive (AppCDS) that
     * the first node to exit cleanly writes and the next starts map.
     */
    void useClassArchive(Path file) {
        archive = file;
    }

    /** Starts (or restarts) the node {@code name}. */
    void start(String name) throws IOException {
        start(name, Map.of());
    }

    /** Starts the node {@code name} with {@code extra} variables on top of the fleet's. */
    void start(String name, Map<String, String> extra) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(NodeJvm.options());
        command.add("-Xmx512m");
        if (archive != null) {
            command.addAll(List.of(
                    "-XX:+AutoCreateSharedArchive",
                    "-XX:SharedArchiveFile=" + archive,
                    "-Xlog:cds=off",
                    "-Xlog:cds+dynamic=off"));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.flotilla.node.Main"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        logs.resolve(name + ".log").toFile()));
        // Several nodes on one machine: each HTTP server on a free loopback port unless the driver chose one.
        builder.environment().put("HTTP_HOST", "127.0.0.1");
        builder.environment().put("HTTP_PORT", "0");
        builder.environment().putAll(env);
        builder.environment().put("NODE_NAME", name);
        builder.environment().put("FLOTILLA_EXIT_WITH_PARENT", "true");
        builder.environment().putAll(extra);
        nodes.put(name, builder.start());
    }

    /** SIGTERM, as an operator's stop: waits up to {@code timeout} for the exit and returns its code. */
    int stop(String name, Duration timeout) throws InterruptedException {
        Process process = nodes.remove(name);
        if (process == null) {
            throw new IllegalArgumentException("no node " + name + " runs");
        }
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " did not exit within " + timeout + " of SIGTERM");
        }
        return process.exitValue();
    }

    /** SIGKILL, as a crash. */
    void kill(String name) throws InterruptedException {
        Process process = nodes.remove(name);
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The process id of a running node. */
    long pid(String name) {
        Process process = nodes.get(name);
        if (process == null) {
            throw new IllegalArgumentException("no node " + name + " runs");
        }
        return process.pid();
    }

    List<String> names() {
        return new ArrayList<>(nodes.keySet());
    }

    @Override
    public void close() throws IOException {
        for (Process process : nodes.values()) {
            process.destroyForcibly();
        }
        for (Process process : nodes.values()) {
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        nodes.clear();
        try (var files = Files.walk(logs)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }
}
