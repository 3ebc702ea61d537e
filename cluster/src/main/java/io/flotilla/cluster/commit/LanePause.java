package io.flotilla.cluster.commit;

import java.time.Duration;

/**
 * How a lane waits before a retry; injected so tests need not sleep. The lane has a thread of its own, so it may
 * block here (never a Netty event loop).
 */
@FunctionalInterface
interface LanePause {
    /** Waits {@code delay}; false when interrupted (the lane then stops). */
    boolean sleep(Duration delay);

    LanePause THREAD_SLEEP = delay -> {
        try {
            Thread.sleep(delay);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    };
}
