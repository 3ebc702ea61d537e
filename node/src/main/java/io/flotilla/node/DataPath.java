package io.flotilla.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.cluster.adapter.CommittingDispatchSink;
import io.flotilla.cluster.adapter.RedisSessionStore;
import io.flotilla.cluster.cache.CacheMode;
import io.flotilla.cluster.cache.CacheRules;
import io.flotilla.cluster.cache.EntityCache;
import io.flotilla.cluster.cache.MemoryEntityCache;
import io.flotilla.cluster.cache.NoEntityCache;
import io.flotilla.cluster.cache.RedisEntityCache;
import io.flotilla.cluster.commit.BatchCommitter;
import io.flotilla.cluster.commit.CommitListener;
import io.flotilla.cluster.commit.CommitterConfig;
import io.flotilla.cluster.lease.ShardFence;
import io.flotilla.gateway.Dispatch;
import io.flotilla.protocol.ShardId;
import io.flotilla.worker.Keys;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.InstantSource;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A node's event path, the part every wiring shares ({@link NodeAssembly}, the benchmarks' node): the batch
 * committer with the entity cache of a {@link CacheMode}, the {@link CommittingDispatchSink} on it (each shard's
 * batches under the fence given for it) and the {@link RedisSessionStore} whose session ends go through that sink.
 *
 * <p>Thread-safe as its parts are; {@link #close} commits what the lanes hold (bounded) and stops them.
 */
public final class DataPath implements AutoCloseable {
    private static final Duration CACHE_TIMEOUT = Duration.ofSeconds(5);

    private final BatchCommitter committer;
    private final CommittingDispatchSink sink;
    private final RedisSessionStore sessions;
    private final Duration closeGrace;

    /**
     * @param committer the committer's settings (owner, lanes, event filter, ...)
     * @param sessionConnection the connection the session store reads on
     * @param observer sees each dispatch as it is offered (member chunking); must not block
     * @param fences the fence of each shard's batches ({@code shard -> ShardFence.NONE} when unfenced)
     * @param onFenced told when Redis refused a shard's batch because another owner holds it
     * @param listener told what the lanes wrote (metrics)
     * @param closeGrace how long {@link #close} lets the lanes commit what they hold
     */
    public DataPath(
            RedisURI redis,
            Keys keys,
            CacheMode cacheMode,
            CommitterConfig committer,
            StatefulRedisConnection<String, String> sessionConnection,
            InstantSource clock,
            BiConsumer<ShardId, Dispatch> observer,
            Function<ShardId, ShardFence> fences,
            BiConsumer<ShardId, String> onFenced,
            CommitListener listener,
            Duration closeGrace) {
        this.committer = new BatchCommitter(redis, keys, committer, cache(keys, cacheMode), clock, listener);
        this.sink = new CommittingDispatchSink(this.committer, clock, observer, fences, onFenced);
        this.sessions = new RedisSessionStore(sessionConnection, keys, sink);
        this.closeGrace = closeGrace;
    }

    /** An unfenced event path (one process owns its shards: benchmarks, a single node without leases). */
    public static DataPath unfenced(
            RedisURI redis,
            Keys keys,
            CacheMode cacheMode,
            CommitterConfig committer,
            StatefulRedisConnection<String, String> sessionConnection,
            InstantSource clock) {
        return new DataPath(
                redis,
                keys,
                cacheMode,
                committer,
                sessionConnection,
                clock,
                (shard, dispatch) -> {},
                shard -> ShardFence.NONE,
                (shard, why) -> {},
                CommitListener.NONE,
                Duration.ofSeconds(10));
    }

    public BatchCommitter committer() {
        return committer;
    }

    public CommittingDispatchSink sink() {
        return sink;
    }

    public RedisSessionStore sessions() {
        return sessions;
    }

    @Override
    public void close() {
        committer.close(closeGrace);
    }

    private static EntityCache cache(Keys keys, CacheMode mode) {
        CacheRules rules = new CacheRules(new ObjectMapper(), true);
        return switch (mode) {
            case REDIS -> new RedisEntityCache(keys, rules, CACHE_TIMEOUT);
            case MEMORY -> new MemoryEntityCache(rules);
            case NONE -> new NoEntityCache();
        };
    }
}
