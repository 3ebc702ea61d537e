package io.flotilla.cluster.cache;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.List;

/**
 * Where a shard's cache writes go, seen from the batch committer. For each batch that holds cache-relevant
 * dispatches, the committer's lane calls {@link #prepare} before its MULTI (loading what the batch changes and
 * starting the idempotent user merges) and {@link #write} into the batch's commit script, so the cache commits
 * with the events and the seq, or not at all.
 *
 * <p>Implementations are thread-safe; each shard is prepared by one lane at a time, in batch order.
 */
public interface EntityCache {

    /**
     * Documents changed by one batch, Redis replies it started that must succeed before it counts, and what to run
     * once the commit script APPLIED the batch (it tells {@link WrittenDocuments} that the writes are in).
     */
    record Prepared(CacheWrites writes, List<RedisFuture<?>> pending) {
        public static final Prepared NOTHING = new Prepared(CacheWrites.NONE, List.of());
    }

    /**
     * A batch's cache reads in flight, started by {@link #read}: {@link #finish} waits for them and computes the
     * writes. Lets a lane send the reads of many batches in one write and wait once.
     */
    @FunctionalInterface
    interface Reading {
        Prepared finish();
    }

    /** Allocation-free test, called for every dispatch: can this event change the cache? */
    boolean touchesCache(String eventName);

    /**
     * Computes the batch's writes. May block the calling lane on Redis reads (never a Netty event loop).
     *
     * @param types the names of the batch's cache-relevant dispatches, in order
     * @param data their raw {@code d} JSON
     * @param lane the lane's connection (outside a transaction; it does not flush by itself)
     * @throws io.flotilla.cluster.ClusterException when Redis does not answer in time
     */
    Prepared prepare(int shard, List<String> types, List<byte[]> data, StatefulRedisConnection<String, byte[]> lane);

    /**
     * Starts the reads of {@link #prepare} without waiting for them (the lane flushes, then calls
     * {@link Reading#finish}, in batch order). The default defers the whole of {@code prepare} to {@code finish}.
     */
    default Reading read(
            int shard, List<String> types, List<byte[]> data, StatefulRedisConnection<String, byte[]> lane) {
        return () -> prepare(shard, types, data, lane);
    }

    /**
     * As {@link #read(int, List, List, StatefulRedisConnection)}, with what the shard's lane remembers of the
     * documents it wrote in this ownership term (a cache may use it to skip writes that change nothing). The
     * default ignores it.
     */
    default Reading read(
            int shard,
            WrittenDocuments written,
            List<String> types,
            List<byte[]> data,
            StatefulRedisConnection<String, byte[]> lane) {
        return read(shard, types, data, lane);
    }

    /** Hands the prepared shard writes to the batch's commit script. */
    void write(int shard, Prepared prepared, CacheOpSink script);

    /** Called on each new lane connection, before it is used (for example to load scripts). */
    default void connected(StatefulRedisConnection<String, byte[]> lane) {}
}
