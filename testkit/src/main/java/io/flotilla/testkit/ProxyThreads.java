package io.flotilla.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The threads of one {@link FaultProxy}: daemon threads (a forgotten proxy never keeps a JVM alive), named
 * after the proxy, each forgotten when it ends, so that {@link #joinAll} waits exactly for those still
 * running. Thread-safe.
 */
final class ProxyThreads {
    private final String prefix;
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();

    ProxyThreads(String prefix) {
        this.prefix = prefix;
    }

    Thread start(String name, Runnable body) {
        Thread thread = Thread.ofPlatform().daemon(true).name(prefix + name).unstarted(() -> {
            try {
                body.run();
            } finally {
                running.remove(Thread.currentThread());
            }
        });
        running.add(thread);
        thread.start();
        return thread;
    }

    /**
     * Waits up to {@code timeout} in all for every thread to end, those started meanwhile included; returns the
     * names and states of those still running (empty when all ended).
     */
    List<String> joinAll(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            for (Thread thread : Set.copyOf(running)) {
                long left = deadline - System.nanoTime();
                if (left > 0 && thread.getState() != Thread.State.NEW) { // join(Duration) refuses an unstarted one
                    thread.join(Duration.ofNanos(left));
                }
            }
            if (!running.isEmpty()) {
                Thread.sleep(1); // a thread registered but not started yet: join returned at once
            }
        }
        return running.stream()
                .map(thread -> thread.getName() + " (" + thread.getState() + ")")
                .sorted()
                .toList();
    }
}
