package io.flotilla.bench;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The benchmark drivers' one way to wait for something they cannot be told of (node processes, the fake's log,
 * Redis): ask again every so often, and give up with a message naming what did not happen. Stateless; blocks the
 * calling (benchmark) thread. Real time on purpose: a driver measures a real cluster.
 */
final class Poll {
    /** How long a driver waits for a cluster of node processes to get somewhere, unless it says otherwise. */
    static final Duration WAIT = Duration.ofSeconds(120);

    private static final Duration EVERY = Duration.ofMillis(50);

    private Poll() {}

    /** {@link #until(String, Duration, Duration, BooleanSupplier, Supplier)} for {@link #WAIT}, every 50 ms. */
    static void until(String what, BooleanSupplier condition) throws InterruptedException {
        until(what, WAIT, EVERY, condition, () -> "");
    }

    /** {@link #until(String, Duration, Duration, BooleanSupplier, Supplier)} without a state to report. */
    static void until(String what, Duration within, Duration every, BooleanSupplier condition)
            throws InterruptedException {
        until(what, within, every, condition, () -> "");
    }

    /**
     * Asks {@code condition} every {@code every} until it holds.
     *
     * @param what what is awaited, for the message ("every shard READY")
     * @param state how far it got, read once when giving up, for the message ("12 of 16 READY"); "" for nothing
     * @throws IllegalStateException when it did not hold within {@code within}
     */
    static void until(String what, Duration within, Duration every, BooleanSupplier condition, Supplier<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                String got = state.get();
                throw new IllegalStateException("gave up waiting for " + what + " after " + within.toSeconds() + " s"
                        + (got.isEmpty() ? "" : ": " + got));
            }
            Thread.sleep(every.toMillis());
        }
    }
}
