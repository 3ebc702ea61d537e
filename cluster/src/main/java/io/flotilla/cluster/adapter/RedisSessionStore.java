package io.flotilla.cluster.adapter;

import io.flotilla.cluster.session.SessionRecord;
import io.flotilla.gateway.SessionEnd;
import io.flotilla.gateway.SessionStore;
import io.flotilla.gateway.StoredSession;
import io.flotilla.protocol.ShardId;
import io.flotilla.worker.Keys;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * The gateway's {@link SessionStore} in Redis: {@code g:session:<shard>} with {@code session_id}, {@code seq},
 * {@code resume_gateway_url}, {@code shard_total}, {@code owner}, {@code updated_at}, {@code epoch} and
 * {@code generation}.
 *
 * <p>The hash has one writer, the batch committer: every field is written by the commit script with the events it
 * describes (a seq stored ahead of the committed events would make a resume skip them: promise 2), and a session's
 * end goes through the same shard batcher ({@link CommittingDispatchSink#end}), after the session's last events
 * and under the shard's fence, with its gap record. So {@link #save} writes nothing, and {@link #end} hands over.
 * A stored session is offered for resume only when it is complete and its {@code shard_total} matches.
 *
 * <p>Thread-safe and non-blocking: every call returns at once (Lettuce's async API on a shared connection).
 */
public final class RedisSessionStore implements SessionStore {
    private final RedisAsyncCommands<String, String> redis;
    private final Keys keys;
    private final CommittingDispatchSink sink;

    public RedisSessionStore(
            StatefulRedisConnection<String, String> connection, Keys keys, CommittingDispatchSink sink) {
        this.redis = connection.async();
        this.keys = keys;
        this.sink = sink;
    }

    @Override
    public CompletionStage<@Nullable StoredSession> load(ShardId shard) {
        return redis.hgetall(keys.session(shard.id())).thenApply(fields -> offerable(fields, shard.total()));
    }

    /** Nothing to write: the commit script keeps the resume url, owner and time up to date with every batch. */
    @Override
    public CompletionStage<Void> save(ShardId shard, StoredSession session) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> end(ShardId shard, SessionEnd end) {
        return sink.end(shard, end);
    }

    /** Everything stored about a shard's session (for status and metrics), or empty. */
    public CompletionStage<Optional<SessionRecord>> read(int shard) {
        return redis.hgetall(keys.session(shard)).thenApply(fields -> SessionRecord.from(shard, fields));
    }

    /** The stored session when it is complete and was made for {@code shardTotal} shards, else null. */
    static @Nullable StoredSession offerable(Map<String, String> fields, int shardTotal) {
        return SessionRecord.from(-1, fields)
                .filter(record -> record.shardTotal() == shardTotal)
                .map(record -> new StoredSession(record.sessionId(), record.seq(), record.resumeUrl(), shardTotal))
                .orElse(null);
    }
}
