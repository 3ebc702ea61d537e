package io.flotilla.node;

import io.flotilla.cluster.lease.LeaseConfig;
import io.flotilla.cluster.membership.MembershipConfig;
import io.flotilla.gateway.ShardTimings;
import io.flotilla.worker.Keys;
import java.time.Duration;
import java.util.Optional;

/**
 * The timings and key prefixes a production node never changes, read from {@code FLOTILLA_*} variables that exist
 * for tests (short leases so a failover test takes seconds, its own key prefixes per test run). Without them every
 * value is the module's default. A value.
 *
 * @param leases shard and leader lease timing ({@code FLOTILLA_LEASE_TTL_MS}: renewal every third, margin a sixth)
 * @param membership the node record's TTL ({@code FLOTILLA_MEMBERSHIP_TTL_MS}: refreshed every fifth)
 * @param tick the coordinator's round ({@code FLOTILLA_TICK_MS}, default 500 ms)
 * @param identifyWindow one identify per bucket per this long ({@code FLOTILLA_IDENTIFY_WINDOW_MS}, default 5 s)
 * @param reconnectBase the shards' reconnect backoff base ({@code FLOTILLA_RECONNECT_BACKOFF_MS}), or empty for
 *     the gateway's default
 * @param keyPrefix {@code FLOTILLA_KEY_PREFIX} (default {@value Keys#DEFAULT_PREFIX})
 * @param queuePrefix {@code FLOTILLA_QUEUE_PREFIX} (default {@value Keys#DEFAULT_QUEUE_PREFIX})
 */
public record NodeTuning(
        LeaseConfig leases,
        MembershipConfig membership,
        Duration tick,
        Duration identifyWindow,
        Optional<Duration> reconnectBase,
        String keyPrefix,
        String queuePrefix) {
    static final String LEASE_TTL = "FLOTILLA_LEASE_TTL_MS";
    static final String MEMBERSHIP_TTL = "FLOTILLA_MEMBERSHIP_TTL_MS";
    static final String TICK = "FLOTILLA_TICK_MS";
    static final String IDENTIFY_WINDOW = "FLOTILLA_IDENTIFY_WINDOW_MS";
    static final String RECONNECT_BACKOFF = "FLOTILLA_RECONNECT_BACKOFF_MS";
    static final String KEY_PREFIX = "FLOTILLA_KEY_PREFIX";
    static final String QUEUE_PREFIX = "FLOTILLA_QUEUE_PREFIX";

    /** Every module's default. */
    public static final NodeTuning DEFAULTS = new NodeTuning(
            LeaseConfig.DEFAULTS,
            MembershipConfig.DEFAULTS,
            Duration.ofMillis(500),
            Duration.ofSeconds(5),
            Optional.empty(),
            Keys.DEFAULT_PREFIX,
            Keys.DEFAULT_QUEUE_PREFIX);

    static NodeTuning read(EnvReader env) {
        LeaseConfig leases = env.millis(LEASE_TTL, 1)
                .map(ttl -> checked(
                        LEASE_TTL, ttl, () -> DEFAULTS.leases().withTiming(ttl, ttl.dividedBy(3), ttl.dividedBy(6))))
                .orElse(DEFAULTS.leases());
        MembershipConfig membership = env.millis(MEMBERSHIP_TTL, 1)
                .map(ttl -> checked(
                        MEMBERSHIP_TTL,
                        ttl,
                        () -> new MembershipConfig(
                                ttl, ttl.dividedBy(5), DEFAULTS.membership().redisTimeout())))
                .orElse(DEFAULTS.membership());
        return new NodeTuning(
                leases,
                membership,
                env.millis(TICK, 10).orElse(DEFAULTS.tick()),
                env.millis(IDENTIFY_WINDOW, 100).orElse(DEFAULTS.identifyWindow()),
                env.millis(RECONNECT_BACKOFF, 10),
                env.get(KEY_PREFIX).orElse(DEFAULTS.keyPrefix()),
                env.get(QUEUE_PREFIX).orElse(DEFAULTS.queuePrefix()));
    }

    /** The shards' timings: the gateway's defaults, with the reconnect backoff scaled from its base if given. */
    public ShardTimings shardTimings() {
        ShardTimings defaults = ShardTimings.defaults();
        return reconnectBase
                .map(base ->
                        defaults.withBackoff(base, base.multipliedBy(8), base.multipliedBy(2), base.multipliedBy(6)))
                .orElse(defaults);
    }

    private static <T> T checked(String variable, Duration value, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(variable, "'" + value.toMillis() + "' is not accepted: " + e.getMessage());
        }
    }
}
