package io.flotilla.cluster.redis;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long to wait before the next attempt after {@code failures} failures in a row: doubling from {@code min} up
 * to {@code max}, with "equal jitter" (half fixed, half random) so that many shards or lanes that failed together
 * do not retry together. A value; the caller owns the waiting (a scheduler, or a lane's own pause).
 *
 * @param min the pause after the first failure
 * @param max the longest pause
 */
public record RetryPolicy(Duration min, Duration max) {
    public RetryPolicy {
        if (min.isNegative() || min.compareTo(max) > 0) {
            throw new IllegalArgumentException("retry min must be within 0.." + max + ", was " + min);
        }
    }

    /** The pause before the next attempt; {@code failures} counts from 1. */
    public Duration delay(int failures, RandomGenerator random) {
        long cap = max.toNanos();
        long base = Math.min(cap, min.toNanos() << Math.min(Math.max(failures - 1, 0), 30));
        if (base <= 0) {
            return Duration.ZERO;
        }
        long half = base / 2;
        return Duration.ofNanos(half + (long) (random.nextDouble() * (base - half)));
    }
}
