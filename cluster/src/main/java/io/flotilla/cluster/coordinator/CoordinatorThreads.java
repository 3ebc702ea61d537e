package io.flotilla.cluster.coordinator;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The single-threaded schedulers a coordinator runs on, one owner each: {@code loop} owns the coordinator's state
 * (reads, leader writes, acting on the host); {@code leader} runs the leader lease's campaign and the membership
 * refresh (short steps, so a slow round of the loop never lets the node record or the leader term lapse);
 * {@code leases} owns the shard leases and their renewal. Whoever made them shuts them down ({@link #close}); a
 * test that shuts them down without closing the coordinator simulates a crash.
 *
 * @param loop the coordinator's loop
 * @param leader the leader lease and membership
 * @param leases the shard leases
 */
public record CoordinatorThreads(
        ScheduledExecutorService loop, ScheduledExecutorService leader, ScheduledExecutorService leases)
        implements AutoCloseable {

    /** Three daemon threads named {@code flotilla-coordinator-<name>}, {@code ...-leader-<name>}, {@code ...-leases-<name>}. */
    public static CoordinatorThreads create(String name) {
        return new CoordinatorThreads(
                single("flotilla-coordinator-" + name),
                single("flotilla-leader-" + name),
                single("flotilla-leases-" + name));
    }

    /** Stops every thread at once, without running what is queued (nothing is released: a crash, for tests). */
    public void shutdownNow() {
        all().forEach(ScheduledExecutorService::shutdownNow);
    }

    /** Stops the threads, letting a running step finish (bounded by a second each). */
    @Override
    public void close() {
        for (ScheduledExecutorService scheduler : all()) {
            scheduler.shutdown();
            try {
                if (!scheduler.awaitTermination(1, TimeUnit.SECONDS)) {
                    scheduler.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                scheduler.shutdownNow();
            }
        }
    }

    private List<ScheduledExecutorService> all() {
        return List.of(loop, leader, leases);
    }

    private static ScheduledExecutorService single(String threadName) {
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        };
        return Executors.newSingleThreadScheduledExecutor(factory);
    }
}
