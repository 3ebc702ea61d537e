package io.flotilla.cluster.commit;

import io.flotilla.cluster.ClusterException;
import io.flotilla.cluster.cache.EntityCache;
import io.flotilla.cluster.session.SessionFields;
import io.flotilla.worker.EventFields;
import io.flotilla.worker.Keys;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one batch's transaction holds, in this order: the cache's shard writes, an XADD per queued dispatch to
 * {@code discord:event:<t>} (fields {@code shard, seq, session, t, d, at}), and the session hash
 * ({@code seq, session_id, shard_total, owner, updated_at}, plus {@code resume_gateway_url} after a READY).
 * Also decides, after a broken connection, which batches did commit: those at or below the session's stored
 * seq of the same session (events and seq commit together, so the seq says it).
 *
 * <p>Stateless apart from settings; used by lane threads.
 */
final class BatchTransaction {
    private static final Logger LOG = LoggerFactory.getLogger(BatchTransaction.class);
    private static final byte[] NO_BYTES = new byte[0];
    private static final int MAX_MEMOISED_TYPES = 1024;

    /** A batch whose cache reads were sent (not flushed); {@link #send} finishes them. */
    record Reading(Batch batch, EntityCache.Reading cache) {}

    /** A batch whose transaction was sent, with the replies to wait for. */
    record Sent(Batch batch, EntityCache.Prepared prepared, RedisFuture<TransactionResult> exec) {}

    private final Keys keys;
    private final CommitterConfig config;
    private final EntityCache cache;
    private final InstantSource clock;
    private final @Nullable XAddArgs trimming;
    private final byte[] owner;
    private final ConcurrentHashMap<String, byte[]> typeBytes = new ConcurrentHashMap<>();

    BatchTransaction(Keys keys, CommitterConfig config, EntityCache cache, InstantSource clock) {
        this.keys = keys;
        this.config = config;
        this.cache = cache;
        this.clock = clock;
        this.trimming = config.maxStreamLength() > 0
                ? XAddArgs.Builder.maxlen(config.maxStreamLength()).approximateTrimming()
                : null;
        this.owner = config.owner().getBytes(StandardCharsets.UTF_8);
    }

    /** Starts the batch's cache reads; the caller flushes before {@link #send}. */
    Reading read(Batch batch, StatefulRedisConnection<String, byte[]> connection) {
        return new Reading(batch, readCache(batch, connection));
    }

    /** Finishes the cache (may wait for its reads) and pipelines MULTI, the writes and EXEC. */
    @SuppressWarnings("FutureReturnValueIgnored") // queued inside MULTI: the EXEC reply carries the outcome
    Sent send(Reading reading, StatefulRedisConnection<String, byte[]> connection) {
        RedisAsyncCommands<String, byte[]> redis = connection.async();
        Batch batch = reading.batch();
        int shard = batch.shard.shard();
        EntityCache.Prepared prepared = reading.cache().finish();
        redis.multi();
        cache.write(shard, prepared, connection);
        String readyUrl = null;
        byte[] sessionBytes = NO_BYTES;
        String session = "";
        for (Dispatch dispatch : batch.dispatches) {
            if (!dispatch.session().equals(session)) {
                session = dispatch.session();
                sessionBytes = session.getBytes(StandardCharsets.UTF_8);
            }
            if (dispatch.type().equals("READY")) {
                readyUrl = ReadyFacts.resumeUrl(dispatch.data());
            }
            if (config.filter().accepts(dispatch.type())) {
                xadd(redis, batch.shard, dispatch, sessionBytes);
            }
        }
        redis.hset(keys.session(shard), sessionFields(batch, readyUrl));
        return new Sent(batch, prepared, redis.exec());
    }

    private EntityCache.Reading readCache(Batch batch, StatefulRedisConnection<String, byte[]> connection) {
        List<String> types = null;
        List<byte[]> data = null;
        for (Dispatch dispatch : batch.dispatches) {
            if (cache.touchesCache(dispatch.type())) {
                if (types == null || data == null) {
                    types = new ArrayList<>();
                    data = new ArrayList<>();
                }
                types.add(dispatch.type());
                data.add(dispatch.data());
            }
        }
        if (types == null || data == null) {
            return () -> EntityCache.Prepared.NOTHING;
        }
        return cache.read(batch.shard.shard(), types, data, connection);
    }

    @SuppressWarnings("FutureReturnValueIgnored") // queued inside MULTI: the EXEC reply carries the outcome
    private void xadd(RedisAsyncCommands<String, byte[]> redis, ShardBatcher shard, Dispatch dispatch, byte[] session) {
        String stream = keys.events(dispatch.type());
        Object[] fields = {
            EventFields.SHARD, shard.shardBytes,
            EventFields.SEQ, ascii(dispatch.seq()),
            EventFields.SESSION, session,
            EventFields.TYPE, typeBytes(dispatch.type()),
            EventFields.DATA, dispatch.data(),
            EventFields.RECEIVED_AT, ascii(dispatch.receivedAt())
        };
        if (trimming == null) {
            redis.xadd(stream, fields);
        } else {
            redis.xadd(stream, trimming, fields);
        }
    }

    /** The event name's bytes, memoised: Discord has about a hundred names and every dispatch needs one. */
    private byte[] typeBytes(String type) {
        byte[] known = typeBytes.get(type);
        if (known == null) {
            known = type.getBytes(StandardCharsets.UTF_8);
            if (typeBytes.size() < MAX_MEMOISED_TYPES) {
                typeBytes.putIfAbsent(type, known);
            }
        }
        return known;
    }

    private Map<String, byte[]> sessionFields(Batch batch, @Nullable String readyUrl) {
        Dispatch last = batch.last();
        Map<String, byte[]> fields = new HashMap<>(8);
        fields.put(SessionFields.SEQ, ascii(last.seq()));
        fields.put(SessionFields.SESSION_ID, last.session().getBytes(StandardCharsets.UTF_8));
        fields.put(SessionFields.SHARD_TOTAL, batch.shard.shardTotalBytes);
        fields.put(SessionFields.OWNER, owner);
        fields.put(SessionFields.UPDATED_AT, ascii(clock.millis()));
        if (readyUrl != null) {
            fields.put(SessionFields.RESUME_URL, readyUrl.getBytes(StandardCharsets.UTF_8));
        }
        return fields;
    }

    /** Fails when Redis discarded the transaction; logs loudly when a command inside it failed. */
    void check(Batch batch, TransactionResult result) {
        if (result.wasDiscarded()) {
            throw new ClusterException(
                    ClusterException.Kind.REDIS_UNAVAILABLE,
                    "Redis discarded the transaction of shard " + batch.shard.shard() + " up to seq "
                            + batch.last().seq());
        }
        for (Object reply : result) {
            if (reply instanceof Exception error) {
                // Runtime errors inside EXEC do not roll back; the rest is written. This means a key of ours has
                // the wrong type, which only an outside writer can cause: report it, do not loop on it.
                LOG.error(
                        "a command in the transaction of shard {} (seq up to {}) failed; keys of the Flotilla layout"
                                + " were changed by someone else: {}",
                        batch.shard.shard(),
                        batch.last().seq(),
                        error.toString());
            }
        }
    }

    /**
     * After a broken connection: acknowledges the batches that committed before it broke (same session,
     * stored seq at or past theirs), so they are not written twice. One pipelined HMGET per shard.
     */
    void acknowledgeCommitted(List<Batch> round, StatefulRedisConnection<String, byte[]> connection) {
        RedisAsyncCommands<String, byte[]> redis = connection.async();
        Map<ShardBatcher, RedisFuture<List<KeyValue<String, byte[]>>>> stored = new LinkedHashMap<>();
        for (Batch batch : round) {
            stored.computeIfAbsent(
                    batch.shard,
                    shard -> redis.hmget(keys.session(shard.shard()), SessionFields.SEQ, SessionFields.SESSION_ID));
        }
        connection.flushCommands();
        for (Batch batch : round) {
            List<KeyValue<String, byte[]>> values = get(stored.get(batch.shard));
            byte[] seq = valueOf(values.get(0));
            byte[] session = valueOf(values.get(1));
            if (seq != null
                    && session != null
                    && batch.last().session().equals(new String(session, StandardCharsets.UTF_8))
                    && Long.parseLong(new String(seq, StandardCharsets.US_ASCII))
                            >= batch.last().seq()) {
                LOG.info(
                        "shard {}: batch up to seq {} had committed before the connection broke; not writing it again",
                        batch.shard.shard(),
                        batch.last().seq());
                batch.shard.committed(batch);
            }
        }
    }

    private <T> T get(@Nullable RedisFuture<T> reply) {
        if (reply == null) {
            throw new IllegalStateException("no session read was sent for a batch of the round");
        }
        try {
            return reply.get(config.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException(ClusterException.Kind.INTERRUPTED, "interrupted reading session seqs", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ClusterException(ClusterException.Kind.REDIS_UNAVAILABLE, "reading session seqs failed: " + e, e);
        }
    }

    private static byte @Nullable [] valueOf(KeyValue<String, byte[]> value) {
        return value.hasValue() ? value.getValue() : null;
    }

    private static byte[] ascii(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }
}
