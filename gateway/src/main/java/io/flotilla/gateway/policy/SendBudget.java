package io.flotilla.gateway.policy;

import java.time.Duration;
import java.time.Instant;

/**
 * The per-connection send limit (GATEWAY.md section 6): Discord closes with 4008 after 120 payloads in 60 s. Commands
 * get {@code commandLimit} of them (e.g. 110) in any sliding window; heartbeats, identify and resume always pass
 * and use the reserved rest. Sliding window over the send times of the last {@code commandLimit} commands. One per
 * connection, used on its event loop; not thread-safe.
 */
public final class SendBudget {
    private static final Duration MIN_MARGIN = Duration.ofMillis(500);

    private final long windowNanos;
    private final long[] sentAt;
    private int next;
    private int used;

    public SendBudget(int commandLimit, Duration window) {
        if (commandLimit < 1) {
            throw new IllegalArgumentException("command limit must be at least 1, got " + commandLimit);
        }
        this.windowNanos = window.toNanos();
        this.sentAt = new long[commandLimit];
    }

    /**
     * A budget whose window is longer than the server's by 5 %, at least 500 ms: the server times arrivals, we time
     * departures, and a burst that left one window apart can arrive closer together when the first burst's frames
     * were read late (a loaded server; CommandBurstIT tripped a 1 s window's 50 ms margin on a loaded machine).
     */
    public static SendBudget withMargin(int commandLimit, Duration serverWindow) {
        Duration margin = serverWindow.dividedBy(20);
        return new SendBudget(commandLimit, serverWindow.plus(margin.compareTo(MIN_MARGIN) < 0 ? MIN_MARGIN : margin));
    }

    /** Takes a slot for a command at {@code now} if one is free. */
    public boolean tryAcquire(Instant now) {
        if (!waitTime(now).isZero()) {
            return false;
        }
        sentAt[next] = nanos(now);
        next = (next + 1) % sentAt.length;
        used = Math.min(used + 1, sentAt.length);
        return true;
    }

    /** How long until a command slot frees up; zero if one is free now. */
    public Duration waitTime(Instant now) {
        if (used < sentAt.length) {
            return Duration.ZERO;
        }
        long oldest = sentAt[next];
        long freeAt = oldest + windowNanos;
        long wait = freeAt - nanos(now);
        return wait <= 0 ? Duration.ZERO : Duration.ofNanos(wait);
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
