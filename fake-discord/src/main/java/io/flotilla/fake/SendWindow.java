package io.flotilla.fake;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;

/**
 * The per-connection client send limit (GATEWAY.md 6): at most {@code limit} frames in any sliding window;
 * one more gets close 4008. Every frame counts, heartbeats included. Owned by one connection, used only on its
 * event loop; not thread-safe.
 */
final class SendWindow {

    private final InstantSource clock;
    private final int limit;
    private final long windowMillis;
    private final ArrayDeque<Long> sentAtMillis = new ArrayDeque<>();

    SendWindow(InstantSource clock, int limit, Duration window) {
        this.clock = clock;
        this.limit = limit;
        this.windowMillis = window.toMillis();
    }

    /** Counts one frame; false when it is over the limit. */
    boolean tryAcquire() {
        long now = clock.millis();
        while (!sentAtMillis.isEmpty() && sentAtMillis.peekFirst() <= now - windowMillis) {
            sentAtMillis.pollFirst();
        }
        if (sentAtMillis.size() >= limit) {
            return false;
        }
        sentAtMillis.addLast(now);
        return true;
    }
}
