package io.flotilla.cluster.commit;

import io.flotilla.cluster.cache.EntityCache;
import io.flotilla.worker.Keys;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Turns one {@link Batch} into one {@link CommitScript} call (or a session end into a {@link SessionEndScript}
 * call): the cache's shard writes, an XADD per queued dispatch to {@code discord:event:<t>} (fields {@code shard,
 * seq, session, t, d, at}) and the session hash ({@code seq, session_id, shard_total, owner, updated_at}, plus
 * {@code resume_gateway_url}, {@code epoch} and {@code generation} after a READY), all applied or none, as Redis
 * decides.
 *
 * <p>Stateless apart from settings and a memo of event-name bytes; used by lane threads.
 */
final class BatchTransaction {
    private static final int MAX_MEMOISED_TYPES = 1024;

    /** A batch whose cache reads were sent (not flushed); {@link #send} finishes them. */
    record Reading(Batch batch, EntityCache.Reading cache) {}

    /** A batch whose script call was sent, with the replies to wait for. */
    record Sent(Batch batch, EntityCache.Prepared prepared, RedisFuture<List<Object>> reply) {}

    private final Keys keys;
    private final CommitterConfig config;
    private final EntityCache cache;
    private final InstantSource clock;
    private final byte[] owner;
    private final byte[] maxLength;
    private final ConcurrentHashMap<String, byte[]> typeBytes = new ConcurrentHashMap<>();

    BatchTransaction(Keys keys, CommitterConfig config, EntityCache cache, InstantSource clock) {
        this.keys = keys;
        this.config = config;
        this.cache = cache;
        this.clock = clock;
        this.owner = config.owner().getBytes(StandardCharsets.UTF_8);
        this.maxLength = CommitArguments.ascii(config.maxStreamLength());
    }

    /** Starts the batch's cache reads; the caller flushes before {@link #send}. */
    Reading read(Batch batch, StatefulRedisConnection<String, byte[]> connection) {
        if (batch.isEnd()) {
            return new Reading(batch, () -> EntityCache.Prepared.NOTHING);
        }
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
            return new Reading(batch, () -> EntityCache.Prepared.NOTHING);
        }
        return new Reading(batch, cache.read(batch.shard.shard(), batch.shard.written, types, data, connection));
    }

    /** Finishes the cache (may wait for its reads) and sends the script call (not flushed). */
    Sent send(Reading reading, StatefulRedisConnection<String, byte[]> connection) {
        Batch batch = reading.batch();
        EntityCache.Prepared prepared = reading.cache().finish();
        if (batch.isEnd()) {
            return new Sent(batch, prepared, sendEnd(batch, connection));
        }
        int shard = batch.shard.shard();
        CommitArguments args = new CommitArguments(
                keys.session(shard), batch.shard.fence.key(), keys.guilds(shard), batch.dispatches.size());
        cache.write(shard, prepared, args);
        String readyUrl = null;
        for (Dispatch dispatch : batch.dispatches) {
            if (dispatch.type().equals("READY")) {
                readyUrl = ReadyFacts.resumeUrl(dispatch.data());
            }
            if (config.filter().accepts(dispatch.type())) {
                args.event(
                        keys.events(dispatch.type()),
                        dispatch.seq(),
                        typeBytes(dispatch.type()),
                        dispatch.data(),
                        dispatch.receivedAt());
            }
        }
        header(batch, readyUrl, args);
        return new Sent(batch, prepared, args.evalsha(connection, CommitScript.SCRIPT.sha()));
    }

    /** The script's fixed arguments; {@code readyUrl} is the resume url of a READY in the batch, if any. */
    private void header(Batch batch, @Nullable String readyUrl, CommitArguments args) {
        args.header(1, batch.shard.fence.token().getBytes(StandardCharsets.UTF_8));
        args.header(2, batch.session.getBytes(StandardCharsets.UTF_8));
        args.header(3, CommitArguments.ascii(batch.epoch));
        args.header(4, CommitArguments.ascii(batch.generation));
        args.flag(5, batch.starts);
        args.header(6, CommitArguments.ascii(batch.first().seq()));
        args.header(7, CommitArguments.ascii(batch.last().seq()));
        args.header(8, batch.shard.shardBytes);
        args.header(9, batch.shard.shardTotalBytes);
        args.header(10, owner);
        args.header(11, CommitArguments.ascii(clock.millis()));
        args.header(12, (readyUrl == null ? "" : readyUrl).getBytes(StandardCharsets.UTF_8));
        args.header(13, maxLength);
        String around = keys.members(batch.shard.shard(), "\u0000");
        int gap = around.indexOf('\u0000');
        args.header(15, around.substring(0, gap).getBytes(StandardCharsets.UTF_8));
        args.header(16, around.substring(gap + 1).getBytes(StandardCharsets.UTF_8));
    }

    private RedisFuture<List<Object>> sendEnd(Batch batch, StatefulRedisConnection<String, byte[]> connection) {
        SessionEndMark end = java.util.Objects.requireNonNull(batch.end);
        int shard = batch.shard.shard();
        String fenceKey = batch.shard.fence.fenced() ? batch.shard.fence.key() : keys.session(shard);
        return connection
                .async()
                .evalsha(
                        SessionEndScript.SCRIPT.sha(),
                        ScriptOutputType.MULTI,
                        new String[] {keys.session(shard), fenceKey, keys.gaps()},
                        batch.shard.fence.token().getBytes(StandardCharsets.UTF_8),
                        end.sessionId().getBytes(StandardCharsets.UTF_8),
                        end.gap() ? new byte[] {'1'} : new byte[] {'0'},
                        batch.shard.shardBytes,
                        end.reason().getBytes(StandardCharsets.UTF_8),
                        CommitArguments.ascii(end.lastReceivedSeq()),
                        CommitArguments.ascii(clock.millis()));
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
}
