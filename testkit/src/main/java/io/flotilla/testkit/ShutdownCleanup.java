package io.flotilla.testkit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Closes, when the JVM exits, every fixture that is still open: a test JVM that ends without closing a
 * {@link RedisProcess} (a failed test, an interrupted run, a benchmark's {@code main} that returns) must not
 * leave a {@code redis-server} running or its data folder in the temporary directory.
 *
 * <p>Thread-safe: fixtures register from any thread; one hook thread, added on first use, runs at exit.
 */
final class ShutdownCleanup {
    private static final Set<AutoCloseable> OPEN = new LinkedHashSet<>();
    private static boolean hookAdded;

    private ShutdownCleanup() {}

    /** Closes {@code fixture} at JVM exit unless it was {@link #forget forgotten} before. */
    static synchronized void register(AutoCloseable fixture) {
        if (!hookAdded) {
            Runtime.getRuntime()
                    .addShutdownHook(
                            Thread.ofPlatform().name("flotilla-testkit-cleanup").unstarted(ShutdownCleanup::closeAll));
            hookAdded = true;
        }
        OPEN.add(fixture);
    }

    /** The fixture closed itself; nothing to do for it at exit. */
    static synchronized void forget(AutoCloseable fixture) {
        OPEN.remove(fixture);
    }

    private static void closeAll() {
        List<AutoCloseable> open;
        synchronized (ShutdownCleanup.class) {
            open = new ArrayList<>(OPEN);
        }
        for (AutoCloseable fixture : open.reversed()) {
            try {
                fixture.close();
            } catch (Exception | Error e) {
                // The JVM is exiting: report and go on with the others.
                System.err.println("flotilla testkit: could not clean up " + fixture + ": " + e);
            }
        }
    }
}
