package io.flotilla.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A real node process for the end-to-end tests: {@code java -cp <test classpath> io.flotilla.node.Main} with the
 * given environment (nothing inherited but {@code PATH}), its output in a log file under {@code target/}. The
 * test can SIGKILL it ({@link #kill}), SIGTERM it ({@link #terminate}), freeze and thaw it ({@link #freeze},
 * {@link #thaw}: SIGSTOP/SIGCONT). It is always killed at the end: {@link #close}, and a JVM exit hook for those
 * a failed test left open; {@code FLOTILLA_EXIT_WITH_PARENT} makes it stop when this JVM dies.
 *
 * <p>Thread-safe enough for one test thread.
 */
final class NodeProcess implements AutoCloseable {
    /** How long a node JVM may take to start on a loaded machine. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private static final Set<Process> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(Thread.ofPlatform().unstarted(() -> OPEN.forEach(Process::destroyForcibly)));
    }

    private final String name;
    private final Process process;
    private final Path log;

    private NodeProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code name} with {@code env} (plus {@code NODE_NAME}); its log goes to {@code logs/<name>.log}. */
    static NodeProcess start(String name, Map<String, String> env, Path logs) throws IOException {
        return start(name, Main.class, env, logs);
    }

    /** Starts another main class of the test class path the same way (a worker process, say). */
    static NodeProcess start(String name, Class<?> main, Map<String, String> env, Path logs) throws IOException {
        return start(name, List.of(), main, env, logs);
    }

    /**
     * The same, with {@code prefix} before the JVM's argv: {@code ip netns exec <ns>} runs it in a network
     * namespace. The prefix must exec the JVM (ip netns exec does), so that the pid signalled is the JVM's.
     */
    static NodeProcess start(String name, List<String> prefix, Class<?> main, Map<String, String> env, Path logs)
            throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(NodeJvm.options());
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        return run(name, command, env, logs);
    }

    /** Runs any command the same way (an example bot, say): {@code env} plus {@code NODE_NAME}, output to the log. */
    static NodeProcess run(String name, List<String> command, Map<String, String> env, Path logs) throws IOException {
        Files.createDirectories(logs);
        Path log = logs.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())); // a rerun starts a fresh log
        Map<String, String> environment = builder.environment();
        String path = environment.get("PATH");
        environment.clear();
        if (path != null) {
            environment.put("PATH", path);
        }
        // Loopback only, any free port (several nodes share this machine); a test may choose its own.
        environment.put("HTTP_HOST", "127.0.0.1");
        environment.put("HTTP_PORT", "0");
        environment.putAll(env);
        environment.put("NODE_NAME", name);
        environment.put(ParentWatch.VARIABLE, "true");
        Process process = builder.start();
        OPEN.add(process);
        return new NodeProcess(name, process, log);
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The log so far. */
    String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    Path log() {
        return log;
    }

    /** SIGKILL: the way a node dies (no close frame, no flush, no goodbye). */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM: a graceful stop. */
    void terminate() {
        process.destroy();
    }

    /** SIGSTOP: the node freezes (a long GC pause, a stopped VM). */
    void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT. */
    void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    /** The exit code, or -1 when it still runs after {@code timeout}. */
    int awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    private void signal(String signal) throws IOException, InterruptedException {
        if (!process.isAlive()) {
            throw new IOException("cannot send SIG" + signal + ": node process " + process.pid() + " exited with "
                    + process.exitValue() + " (a node must never exit by itself); its log: " + log);
        }
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .inheritIO()
                .start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + signal + " " + process.pid() + " failed");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly(); // SIGKILL ends a frozen (SIGSTOPped) process too
            process.waitFor(10, TimeUnit.SECONDS);
        }
        OPEN.remove(process);
    }

    @Override
    public String toString() {
        return name + "[pid " + process.pid() + "]";
    }
}
