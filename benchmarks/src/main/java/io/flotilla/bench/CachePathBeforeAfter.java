package io.flotilla.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The node's cache path ({@code io.flotilla.cluster.cache.CachePathBenchmark}, with the shard's remembered writes)
 * of two builds side by side in one JVM: each benchmarks jar in a class loader of its own, their batches
 * alternating on one thread, the thread's CPU time per event summed for each. Alternating in one process keeps the
 * machine's noise (other processes, frequency) the same for both, which separate runs on these machines do not.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.flotilla.bench.CachePathBeforeAfter BEFORE.jar AFTER.jar
 * [rounds]}; {@code benchmarks/cache-path-before-after.sh} builds the jar of a revision and runs this.
 *
 * <p>Single-threaded.
 */
public final class CachePathBeforeAfter {
    private static final int BATCHES_PER_TURN = 400;
    private static final int EVENTS_PER_BATCH = 256;

    private CachePathBeforeAfter() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: CachePathBeforeAfter BEFORE.jar AFTER.jar [rounds, default 30]");
            System.exit(2);
        }
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        Side before = Side.load(Path.of(args[0]));
        Side after = Side.load(Path.of(args[1]));
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long[] nanos = new long[2];
        for (int round = -5; round < rounds; round++) { // five unmeasured rounds: both JITs warm up
            for (int side = 0; side < 2; side++) {
                Side run = side == 0 ? before : after;
                long start = cpu.getCurrentThreadCpuTime();
                for (int batch = 0; batch < BATCHES_PER_TURN; batch++) {
                    run.batch();
                }
                if (round >= 0) {
                    nanos[side] += cpu.getCurrentThreadCpuTime() - start;
                }
            }
        }
        double events = (double) rounds * BATCHES_PER_TURN * EVENTS_PER_BATCH;
        System.out.printf(
                Locale.ROOT,
                "cache path, CPU per event: before %.2f us, after %.2f us (%.2fx less CPU per event); %d rounds of"
                        + " %d batches of %d events each, alternating%n",
                nanos[0] / 1000.0 / events,
                nanos[1] / 1000.0 / events,
                (double) nanos[0] / nanos[1],
                rounds,
                BATCHES_PER_TURN,
                EVENTS_PER_BATCH);
    }

    /** One build's benchmark state, in its own class loader (the two builds' classes have the same names). */
    private record Side(Object bench, Method step) {
        static Side load(Path jar) throws Exception {
            URLClassLoader loader =
                    new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
            Class<?> type = loader.loadClass("io.flotilla.cluster.cache.CachePathBenchmark");
            Object bench = type.getDeclaredConstructor().newInstance();
            type.getField("remember").setBoolean(bench, true);
            type.getMethod("generate").invoke(bench);
            return new Side(bench, type.getMethod("batch"));
        }

        void batch() throws Exception {
            step.invoke(bench);
        }
    }
}
