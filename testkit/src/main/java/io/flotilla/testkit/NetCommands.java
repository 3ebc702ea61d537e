package io.flotilla.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the iproute2 commands ({@code ip}, {@code tc}) that build and take apart the test networks of
 * {@link PartitionNetwork}: each with a bound, its output read whole, a failure reported with the command and
 * what it printed.
 *
 * <p>Stateless; any thread.
 */
final class NetCommands {
    private static final long TIMEOUT_SECONDS = 10;

    private NetCommands() {}

    /** Runs {@code argv}; its standard output. Throws, naming the command and its output, when it fails. */
    static String run(String... argv) {
        Result result = attempt(argv);
        if (result.exit != 0) {
            throw new IllegalStateException(
                    "'" + String.join(" ", argv) + "' failed with exit " + result.exit + ": " + result.output.strip());
        }
        return result.output;
    }

    /** Runs {@code argv} and ignores a failure (a cleanup step whose object may already be gone). */
    static void runQuietly(String... argv) {
        try {
            attempt(argv);
        } catch (RuntimeException ignored) {
            // Best effort: what could not be removed is swept by the next test JVM (NetLeftovers).
        }
    }

    /** True when {@code argv} runs and exits 0. */
    static boolean succeeds(String... argv) {
        try {
            return attempt(argv).exit == 0;
        } catch (RuntimeException notThere) {
            return false;
        }
    }

    private static Result attempt(String... argv) {
        try {
            Process process =
                    new ProcessBuilder(List.of(argv)).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes(); // ends when the command exits
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        "'" + String.join(" ", argv) + "' did not end within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not run '" + String.join(" ", argv) + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running '" + String.join(" ", argv) + "'", e);
        }
    }

    private record Result(int exit, String output) {}
}
