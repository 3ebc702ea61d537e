package io.flotilla.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Finds a Python 3 that can {@code import redis}, for the tests that run the Python example bot (Debian's
 * {@code python3-redis}: {@code /usr/bin/python3} first, a {@code python3} on the PATH after). Stateless.
 */
public final class PythonWithRedis {
    private PythonWithRedis() {}

    /** The command of the first such interpreter, or null when there is none (the caller skips, saying how to fix). */
    public static @Nullable String find() throws InterruptedException {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            if (!candidate.contains("/") || Files.isExecutable(Path.of(candidate))) {
                try {
                    Process probe = new ProcessBuilder(candidate, "-c", "import redis")
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .start();
                    if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                        return candidate;
                    }
                    probe.destroyForcibly();
                } catch (IOException notThere) {
                    // try the next one
                }
            }
        }
        return null;
    }
}
