package io.flotilla.cluster.lease;

import java.time.Duration;
import java.time.Instant;

/**
 * How long a lease lives and how it is kept.
 *
 * @param ttl the lease's TTL in Redis ({@code PX})
 * @param renewEvery how often the owner renews (compare-and-extend)
 * @param safetyMargin how long before the TTL the owner assumes it lost the lease (covers clock rate drift and
 *     the time between the local check and acting on it)
 * @param redisTimeout the longest the owner waits for one Redis reply
 * @param replicaWait the {@code WAIT 1 <ms>} timeout when Redis has replicas; zero never waits
 * @param replicaCheckEvery how long a seen replica count ({@code INFO replication}) is trusted
 */
public record LeaseConfig(
        Duration ttl,
        Duration renewEvery,
        Duration safetyMargin,
        Duration redisTimeout,
        Duration replicaWait,
        Duration replicaCheckEvery) {

    /** TTL 3 s renewed every 1 s, assumed lost 500 ms early; Redis replies within 500 ms; WAIT up to 200 ms. */
    public static final LeaseConfig DEFAULTS = new LeaseConfig(
            Duration.ofSeconds(3),
            Duration.ofSeconds(1),
            Duration.ofMillis(500),
            Duration.ofMillis(500),
            Duration.ofMillis(200),
            Duration.ofSeconds(5));

    public LeaseConfig {
        requirePositive("ttl", ttl);
        requirePositive("renewEvery", renewEvery);
        requirePositive("redisTimeout", redisTimeout);
        requirePositive("replicaCheckEvery", replicaCheckEvery);
        if (safetyMargin.isNegative() || replicaWait.isNegative()) {
            throw new IllegalArgumentException("safetyMargin and replicaWait must not be negative");
        }
        // A renewal must be able to fail once and the next still land before the owner's deadline.
        Duration oneRound = renewEvery.plus(redisTimeout).plus(replicaWait);
        if (oneRound.compareTo(ttl.minus(safetyMargin)) >= 0) {
            throw new IllegalArgumentException("lease ttl " + ttl.toMillis() + " ms minus safety margin "
                    + safetyMargin.toMillis() + " ms must exceed renewEvery + redisTimeout + replicaWait ("
                    + oneRound.toMillis() + " ms): lengthen the ttl or renew more often");
        }
    }

    /** These settings with another TTL, renewal period and safety margin (tests, tuning). */
    public LeaseConfig withTiming(Duration ttl, Duration renewEvery, Duration safetyMargin) {
        return new LeaseConfig(ttl, renewEvery, safetyMargin, redisTimeout, replicaWait, replicaCheckEvery);
    }

    /**
     * The local deadline of a lease whose acquisition or renewal was SENT at {@code sentAt}: Redis set the TTL
     * no earlier than that, so the key lives at least until {@code sentAt + ttl}; the owner stops a margin
     * before.
     */
    public Instant deadlineFor(Instant sentAt) {
        return sentAt.plus(ttl).minus(safetyMargin);
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
