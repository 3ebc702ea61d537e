package io.flotilla.cluster.coordinator;

import io.flotilla.cluster.lease.LeaderTerm;
import io.flotilla.cluster.redis.RedisAwait;
import io.flotilla.worker.Keys;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The coordinator's reads of the cluster's shared state: the assignment hash, the config hash and who leads. Each
 * read is bounded by the timeout and fails as a {@link io.flotilla.cluster.ClusterException}.
 *
 * <p>Thread-safe (Lettuce async commands).
 */
final class ClusterReads {
    private final RedisAsyncCommands<String, String> redis;
    private final Keys keys;
    private final Duration timeout;

    ClusterReads(StatefulRedisConnection<String, String> connection, Keys keys, Duration timeout) {
        this.redis = connection.async();
        this.keys = keys;
        this.timeout = timeout;
    }

    Map<String, String> assignment() {
        return RedisAwait.call(() -> redis.hgetall(keys.assignment()), timeout, "reading the assignment");
    }

    Map<String, String> config() {
        return RedisAwait.call(() -> redis.hgetall(keys.config()), timeout, "reading the cluster config");
    }

    /** The term the leader key holds, or empty when no one leads. */
    Optional<LeaderTerm> leader() {
        String token = RedisAwait.call(() -> redis.get(keys.leader()), timeout, "reading the leader key");
        return token == null ? Optional.empty() : LeaderTerm.parse(token);
    }
}
