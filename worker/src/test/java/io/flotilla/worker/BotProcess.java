package io.flotilla.worker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An example bot run as a child process (its stdout and stderr collected line by line), stopped with SIGTERM and
 * then killed if it lingers. Owned by one test.
 */
final class BotProcess implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new ArrayList<>(); // guarded by itself

    BotProcess(List<String> command, Path workingDir, Map<String, String> env) {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        try {
            this.process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
        Thread.ofPlatform().daemon(true).name("bot-output").start(this::collect);
    }

    private void collect() {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                synchronized (lines) {
                    lines.add(line);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** Waits until a line equal to {@code expected} was printed; fails with everything printed so far. */
    void awaitLine(String expected, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!output().contains(expected)) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new AssertionError("no line '" + expected + "' within " + bound + " (alive: " + process.isAlive()
                        + "); output:\n" + String.join("\n", output()));
            }
            Thread.sleep(50);
        }
    }

    List<String> output() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
