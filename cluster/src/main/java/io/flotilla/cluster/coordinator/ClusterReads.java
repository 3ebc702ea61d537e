package io.flotilla.cluster.coordinator;

import io.flotilla.cluster.lease.LeaderTerm;
import io.flotilla.cluster.redis.RedisAwait;
import io.flotilla.worker.Keys;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The coordinator's reads of the cluster's shared state: the assignment hash, the config hash, who leads, and the
 * operators' drain and move requests ({@code io.flotilla.cluster.status.ClusterControl} writes them). Each
 * read is bounded by the timeout and fails as a {@link io.flotilla.cluster.ClusterException}.
 *
 * <p>Thread-safe (Lettuce async commands).
 */
public final class ClusterReads {
    private final RedisAsyncCommands<String, String> redis;
    private final Keys keys;
    private final Duration timeout;

    public ClusterReads(StatefulRedisConnection<String, String> connection, Keys keys, Duration timeout) {
        this.redis = connection.async();
        this.keys = keys;
        this.timeout = timeout;
    }

    public Map<String, String> assignment() {
        return RedisAwait.call(() -> redis.hgetall(keys.assignment()), timeout, "reading the assignment");
    }

    public Map<String, String> config() {
        return RedisAwait.call(() -> redis.hgetall(keys.config()), timeout, "reading the cluster config");
    }

    /** True when an operator asked this node to drain ({@link Keys#drainRequest}). */
    public boolean drainRequested(String nodeId) {
        Long found =
                RedisAwait.call(() -> redis.exists(keys.drainRequest(nodeId)), timeout, "reading the drain request");
        return found != null && found > 0;
    }

    /** Deletes the drain request once the node began draining. */
    public void clearDrainRequest(String nodeId) {
        RedisAwait.call(() -> redis.del(keys.drainRequest(nodeId)), timeout, "deleting the drain request");
    }

    /** The operators' move requests, shard field → node id ({@link Keys#moveRequests}). */
    public Map<String, String> moveRequests() {
        return RedisAwait.call(() -> redis.hgetall(keys.moveRequests()), timeout, "reading the move requests");
    }

    /** Deletes move requests the leader handled. */
    public void clearMoveRequests(Collection<String> fields) {
        if (!fields.isEmpty()) {
            RedisAwait.call(
                    () -> redis.hdel(keys.moveRequests(), fields.toArray(String[]::new)),
                    timeout,
                    "deleting the move requests");
        }
    }

    /** The term the leader key holds, or empty when no one leads. */
    public Optional<LeaderTerm> leader() {
        String token = RedisAwait.call(() -> redis.get(keys.leader()), timeout, "reading the leader key");
        return token == null ? Optional.empty() : LeaderTerm.parse(token);
    }
}
