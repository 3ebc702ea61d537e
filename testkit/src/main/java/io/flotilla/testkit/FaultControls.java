package io.flotilla.testkit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The switches of a {@link FaultProxy}: the delay and the two holds, shared by every connection of the proxy
 * so that a change applies at once to the bytes already buffered and to connections opened later.
 *
 * <p>Thread-safe: the test thread flips switches, the proxy's forwarding threads wait on them. Time is the
 * JVM's monotonic clock on purpose: the proxy delays real bytes on real sockets, so there is no clock to
 * inject.
 */
final class FaultControls {
    /** The two directions of a proxied connection. */
    enum Flow {
        /** Client to server: commands. */
        REQUESTS,
        /** Server to client: replies. */
        REPLIES
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long delayNanos;
    private boolean requestsHeld;
    private boolean repliesHeld;
    private long holdRequestsBelow; // connections numbered below this have their requests held

    void delay(Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a proxy delay cannot be negative: " + delay + "; use 0 for none");
        }
        update(() -> delayNanos = delay.toNanos());
    }

    Duration delay() {
        lock.lock();
        try {
            return Duration.ofNanos(delayNanos);
        } finally {
            lock.unlock();
        }
    }

    void hold(Flow flow, boolean held) {
        update(() -> {
            if (flow == Flow.REQUESTS) {
                requestsHeld = held;
            } else {
                repliesHeld = held;
            }
        });
    }

    /** Holds the requests of the connections numbered below {@code connection} (0: none); later ones flow. */
    void holdRequestsBelow(long connection) {
        update(() -> holdRequestsBelow = connection);
    }

    /**
     * Blocks until a chunk of {@code flow} that arrived at {@code arrivalNanos} ({@link System#nanoTime()})
     * may be forwarded: its flow is not held and the delay has passed since it arrived. Re-reads the switches
     * whenever they change, so a release or a shorter delay frees waiting chunks at once.
     */
    void awaitForwardable(Flow flow, long connection, long arrivalNanos) throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                boolean held = flow == Flow.REQUESTS ? requestsHeld || connection < holdRequestsBelow : repliesHeld;
                if (held) {
                    changed.await();
                    continue;
                }
                long remaining = arrivalNanos + delayNanos - System.nanoTime();
                if (remaining <= 0) {
                    return;
                }
                changed.await(remaining, TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    private void update(Runnable change) {
        lock.lock();
        try {
            change.run();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
