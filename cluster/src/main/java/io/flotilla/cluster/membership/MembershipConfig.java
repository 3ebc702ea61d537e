package io.flotilla.cluster.membership;

import java.time.Duration;

/**
 * How a node's record is kept alive.
 *
 * @param ttl the record's TTL (a node is gone this long after its last refresh)
 * @param refreshEvery how often the owner rewrites the record
 * @param redisTimeout the longest one Redis call may take
 */
public record MembershipConfig(Duration ttl, Duration refreshEvery, Duration redisTimeout) {
    /**
     * TTL 3 s (two refreshes may fail before the node counts as gone: failover within 5 s needs the record to lapse
     * about when the dead node's 3 s shard leases do), refreshed every second, Redis replies within 500 ms.
     */
    public static final MembershipConfig DEFAULTS =
            new MembershipConfig(Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofMillis(500));

    public MembershipConfig {
        if (refreshEvery.isNegative() || refreshEvery.isZero() || redisTimeout.isNegative() || redisTimeout.isZero()) {
            throw new IllegalArgumentException("refreshEvery and redisTimeout must be positive");
        }
        if (refreshEvery.plus(redisTimeout).multipliedBy(2).compareTo(ttl) > 0) {
            throw new IllegalArgumentException("membership ttl " + ttl.toMillis() + " ms must be at least twice"
                    + " refreshEvery + redisTimeout ("
                    + refreshEvery.plus(redisTimeout).toMillis()
                    + " ms), so one missed refresh does not drop the node");
        }
    }
}
