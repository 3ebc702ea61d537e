package io.flotilla.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A CPU load beside a benchmark that talks to nobody: threads that each spin a share of every 10 ms and sleep
 * the rest, so together they use about {@code cpus} of the machine in short bursts, as a node's event loops and
 * lanes do. {@link IngestVersusJda}'s {@code --neighbour} runs the contenders beside it, to tell how much of a
 * contender's gap to the Redis-only driver is only the CPU it takes from the cores Redis shares.
 *
 * <p>Threading: its own daemon threads, from {@link #start} until {@link #close}.
 */
final class CpuNeighbour implements AutoCloseable {
    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    /** Written by the spin so the JIT keeps it; never read for its value. */
    @SuppressWarnings("unused")
    private volatile long sink;

    private CpuNeighbour() {}

    /** Starts {@code threads} threads spinning {@code cpus / threads} of each period; 0 CPUs starts none. */
    static CpuNeighbour start(double cpus, int threads) {
        if (cpus < 0 || cpus > threads) {
            throw new IllegalArgumentException(
                    "a neighbour of " + threads + " threads uses 0 to " + threads + " CPUs, not " + cpus);
        }
        CpuNeighbour neighbour = new CpuNeighbour();
        if (cpus > 0) {
            long busy = Math.round(PERIOD_NANOS * cpus / threads);
            for (int i = 0; i < threads; i++) {
                neighbour.threads.add(
                        Thread.ofPlatform().daemon().name("cpu-neighbour-" + i).start(() -> neighbour.spin(busy)));
            }
        }
        return neighbour;
    }

    private void spin(long busyNanos) {
        long count = 0;
        while (running) {
            long start = System.nanoTime();
            while (System.nanoTime() - start < busyNanos) {
                count++;
            }
            sink = count;
            LockSupport.parkNanos(PERIOD_NANOS - busyNanos);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        }
    }
}
