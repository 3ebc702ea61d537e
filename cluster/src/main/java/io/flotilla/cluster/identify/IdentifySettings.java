package io.flotilla.cluster.identify;

import java.time.Duration;

/**
 * How the cluster paces identifies. A value.
 *
 * @param maxConcurrency {@code session_start_limit.max_concurrency}: the number of buckets ({@code shard_id % it})
 * @param window one identify per bucket per this long (Discord: 5 s; tests use less, keeping the ratios)
 * @param guard added to the window in Redis: the gate times grants, Discord times arrivals, and a grant a few ms late
 *     followed by one on time would otherwise land inside Discord's window (op 9)
 * @param reserve session starts never spent without {@code spendReserve} (kept for an operator's emergency restart)
 * @param spendReserve the explicit operator override that lets identifies spend the reserve
 * @param redisTimeout how long one attempt waits for Redis before it counts as down and is retried
 */
public record IdentifySettings(
        int maxConcurrency, Duration window, Duration guard, int reserve, boolean spendReserve, Duration redisTimeout) {
    /** Discord's window. */
    public static final Duration DISCORD_WINDOW = Duration.ofSeconds(5);

    public IdentifySettings {
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("max_concurrency must be at least 1, got " + maxConcurrency);
        }
        if (window.isNegative() || window.isZero() || guard.isNegative()) {
            throw new IllegalArgumentException(
                    "identify window must be positive and its guard not negative, got " + window + " and " + guard);
        }
        if (reserve < 0) {
            throw new IllegalArgumentException("the session-start reserve must not be negative, got " + reserve);
        }
        if (redisTimeout.isNegative() || redisTimeout.isZero()) {
            throw new IllegalArgumentException("the Redis timeout must be positive, got " + redisTimeout);
        }
    }

    /** Discord's 5 s window with a 5 % guard, the reserve kept, a 2 s Redis timeout. */
    public static IdentifySettings discord(int maxConcurrency, int reserve) {
        return new IdentifySettings(
                maxConcurrency, DISCORD_WINDOW, DISCORD_WINDOW.dividedBy(20), reserve, false, Duration.ofSeconds(2));
    }

    /** How long a bucket's slot stays taken in Redis: the window plus the guard. */
    public Duration slot() {
        return window.plus(guard);
    }

    /** A waiter that has not retried for this long is taken for dead (its node stopped) and no longer blocks. */
    public Duration waiterTimeout() {
        return slot().multipliedBy(3).plus(redisTimeout);
    }

    /** These settings with the operator override on or off. */
    public IdentifySettings withSpendReserve(boolean spend) {
        return new IdentifySettings(maxConcurrency, window, guard, reserve, spend, redisTimeout);
    }
}
