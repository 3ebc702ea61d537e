package io.flotilla.cluster.lease;

import io.flotilla.cluster.redis.RedisAwait;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Instant;
import java.time.InstantSource;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Confirms lease and leader writes on a replica before the node acts on them: a promoted replica that missed
 * the newest lease write would hand the lease to a second owner. With no replica connected ({@code INFO
 * replication}: {@code connected_slaves:0}) there is nothing to wait for and {@code WAIT} is skipped.
 *
 * <p>{@code WAIT} covers every earlier write of the connection, so it must run on the connection that made the
 * lease write. Used by one owner thread at a time (the lease owner's scheduler).
 */
final class ReplicaConfirm {
    private static final Pattern CONNECTED = Pattern.compile("(?m)^connected_slaves:(\\d+)\\s*$");

    private final RedisAsyncCommands<String, String> redis;
    private final LeaseConfig config;
    private final InstantSource clock;
    private int replicas = -1;
    private Instant checkedAt = Instant.MIN;

    ReplicaConfirm(RedisAsyncCommands<String, String> redis, LeaseConfig config, InstantSource clock) {
        this.redis = redis;
        this.config = config;
        this.clock = clock;
    }

    /** True when the writes so far reached a replica, or when there is none to reach (or WAIT is off). */
    boolean confirmed() {
        if (config.replicaWait().isZero() || replicas() == 0) {
            return true;
        }
        Long acknowledged = RedisAwait.call(
                () -> redis.waitForReplication(1, config.replicaWait().toMillis()),
                config.redisTimeout().plus(config.replicaWait()),
                "waiting for a replica to confirm a lease write");
        return acknowledged != null && acknowledged >= 1;
    }

    private int replicas() {
        Instant now = clock.instant();
        if (replicas < 0 || !now.isBefore(checkedAt.plus(config.replicaCheckEvery()))) {
            replicas = connectedReplicas(RedisAwait.call(
                    () -> redis.info("replication"), config.redisTimeout(), "reading INFO replication"));
            checkedAt = now;
        }
        return replicas;
    }

    /** {@code connected_slaves} of an {@code INFO replication} reply (0 when absent). */
    static int connectedReplicas(String info) {
        Matcher matcher = CONNECTED.matcher(info);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }
}
