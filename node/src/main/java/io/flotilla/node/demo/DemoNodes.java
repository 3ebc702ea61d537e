package io.flotilla.node.demo;

import io.flotilla.node.Main;
import io.flotilla.node.NodeJvm;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The demo's node processes: {@code java -cp <this class path> io.flotilla.node.Main} with the given environment
 * plus {@code NODE_NAME} and {@code FLOTILLA_EXIT_WITH_PARENT=true} (a node stops when the demo's JVM dies and its
 * stdin closes), output appended to {@code <dir>/<name>.log}. Owns every process it started: {@link #close}
 * stops them all (SIGTERM, SIGKILL after a grace).
 *
 * <p>Used by the demo's one thread (and its shutdown path, after that thread stopped).
 */
final class DemoNodes implements AutoCloseable {
    private final Map<String, String> env;
    private final Path dir;
    private final Map<String, Process> running = new LinkedHashMap<>();
    private final List<Process> started = new ArrayList<>();

    DemoNodes(Map<String, String> env, Path dir) {
        this.env = Map.copyOf(env);
        this.dir = dir;
    }

    Path log(String name) {
        return dir.resolve(name + ".log");
    }

    /** Starts node {@code name}; returns its pid. */
    synchronized long start(String name) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(NodeJvm.options());
        command.addAll(List.of(
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(name).toFile()));
        Map<String, String> environment = builder.environment();
        String path = environment.get("PATH");
        environment.clear(); // nothing of the user's shell (a REDIS_URL of theirs) leaks into the demo
        if (path != null) {
            environment.put("PATH", path);
        }
        environment.putAll(env);
        environment.put("NODE_NAME", name);
        // Three nodes on one machine: each on a free loopback port (published in its node record).
        environment.put("HTTP_HOST", "127.0.0.1");
        environment.put("HTTP_PORT", "0");
        environment.put("FLOTILLA_EXIT_WITH_PARENT", "true");
        Process process = builder.start();
        running.put(name, process);
        started.add(process);
        return process.pid();
    }

    /** SIGKILL, as a crash; returns its pid. */
    synchronized long kill(String name) throws InterruptedException {
        Process process = running.remove(name);
        if (process == null) {
            throw new IllegalStateException(name + " is not running");
        }
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        return process.pid();
    }

    /** Every node process started so far (live or not), for the caller to check none is left. */
    synchronized List<ProcessHandle> handles() {
        return started.stream().map(Process::toHandle).toList();
    }

    /** SIGTERM to every node (a graceful stop), SIGKILL to those still alive after 5 s. */
    @Override
    public synchronized void close() {
        started.forEach(Process::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (Process process : started) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!process.waitFor(left, TimeUnit.NANOSECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        running.clear();
    }
}
