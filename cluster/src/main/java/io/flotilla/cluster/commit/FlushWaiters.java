package io.flotilla.cluster.commit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Who waits for a shard's dispatches to be resolved (committed, or dropped by a rewind because Discord will send
 * them again): each waiter waits for a count of added dispatches. Not thread-safe: guarded by the batcher's lock;
 * the futures it returns are completed by the caller after unlocking.
 */
final class FlushWaiters {
    private record Waiter(long count, CompletableFuture<Long> done) {}

    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

    CompletableFuture<Long> await(long count) {
        Waiter waiter = new Waiter(count, new CompletableFuture<>());
        waiters.add(waiter);
        return waiter.done();
    }

    /** Removes and returns the waiters satisfied once {@code resolved} dispatches are resolved. */
    List<CompletableFuture<Long>> ready(long resolved) {
        List<CompletableFuture<Long>> ready = new ArrayList<>();
        while (!waiters.isEmpty() && waiters.peek().count() <= resolved) {
            ready.add(waiters.poll().done());
        }
        return ready;
    }

    /** Removes and returns every waiter. */
    List<CompletableFuture<Long>> all() {
        List<CompletableFuture<Long>> all = new ArrayList<>();
        waiters.forEach(waiter -> all.add(waiter.done()));
        waiters.clear();
        return all;
    }
}
