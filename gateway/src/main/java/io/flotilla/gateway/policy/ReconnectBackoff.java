package io.flotilla.gateway.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Decides how long a shard waits before reconnecting: capped exponential backoff with "equal jitter" (half the
 * delay fixed, half random), so a fleet that lost its connections together does not reconnect together. The
 * attempt count resets once a session has stayed healthy for {@code healthyAfter}, so one drop after hours of
 * good service reconnects fast. Owned by one shard and used on its event loop; not thread-safe.
 */
public final class ReconnectBackoff {
    private final Duration base;
    private final Duration max;
    private final Duration healthyAfter;
    private final RandomGenerator random;
    private int attempts;
    private @Nullable Instant healthySince;

    public ReconnectBackoff(Duration base, Duration max, Duration healthyAfter, RandomGenerator random) {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= max, got base " + base + ", max " + max);
        }
        this.base = base;
        this.max = max;
        this.healthyAfter = healthyAfter;
        this.random = random;
    }

    /** The session became live (READY or RESUMED) at {@code now}. */
    public void sessionStarted(Instant now) {
        healthySince = now;
    }

    /** The connection ended at {@code now}: returns how long to wait before the next attempt. */
    public Duration nextDelay(Instant now) {
        Instant since = healthySince;
        if (since != null && Duration.between(since, now).compareTo(healthyAfter) >= 0) {
            attempts = 0;
        }
        healthySince = null;
        long ceiling = cappedMillis(attempts);
        attempts++;
        long half = ceiling / 2;
        return Duration.ofMillis(half + (long) (random.nextDouble() * (ceiling - half + 1)));
    }

    /** Attempts since the last healthy session. */
    public int attempts() {
        return attempts;
    }

    private long cappedMillis(int attempt) {
        long millis = base.toMillis();
        for (int i = 0; i < attempt && millis < max.toMillis(); i++) {
            millis *= 2;
        }
        return Math.min(millis, max.toMillis());
    }
}
