package io.flotilla.cluster.session;

import io.flotilla.gateway.SessionEnd;
import io.flotilla.gateway.SessionStore;
import io.flotilla.gateway.StoredSession;
import io.flotilla.protocol.ShardId;
import io.flotilla.worker.Keys;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * The gateway's {@link SessionStore} in Redis: {@code g:session:<shard>} with {@code session_id}, {@code seq},
 * {@code resume_gateway_url}, {@code shard_total}, {@code owner} and {@code updated_at}.
 *
 * <p>{@code session_id} and {@code seq} are written only by the batch committer, in the transaction of the
 * events they describe: a seq stored ahead of the committed events would make a resume skip them (promise 2).
 * {@link #save} therefore only refreshes the other fields, and only while the stored session is the one saved.
 * A stored session is offered for resume only when it is complete and its {@code shard_total} matches.
 *
 * <p>Thread-safe and non-blocking: every call returns at once (Lettuce's async API on a shared connection).
 */
public final class RedisSessionStore implements SessionStore {
    private static final String SAVE_IF_SAME_SESSION = """
            if redis.call('HGET', KEYS[1], 'session_id') ~= ARGV[1] then return 0 end
            redis.call('HSET', KEYS[1], 'resume_gateway_url', ARGV[2], 'shard_total', ARGV[3],
                'owner', ARGV[4], 'updated_at', ARGV[5])
            return 1
            """;

    private final RedisAsyncCommands<String, String> redis;
    private final Keys keys;
    private final String owner;
    private final InstantSource clock;

    public RedisSessionStore(
            StatefulRedisConnection<String, String> connection, Keys keys, String owner, InstantSource clock) {
        this.redis = connection.async();
        this.keys = keys;
        this.owner = owner;
        this.clock = clock;
    }

    @Override
    public CompletionStage<@Nullable StoredSession> load(ShardId shard) {
        return redis.hgetall(keys.session(shard.id())).thenApply(fields -> offerable(fields, shard.total()));
    }

    @Override
    public CompletionStage<Void> save(ShardId shard, StoredSession session) {
        return redis.<Long>eval(
                        SAVE_IF_SAME_SESSION,
                        ScriptOutputType.INTEGER,
                        new String[] {keys.session(shard.id())},
                        session.sessionId(),
                        session.resumeUrl(),
                        Integer.toString(session.shardTotal()),
                        owner,
                        Long.toString(clock.millis()))
                .thenAccept(saved -> {});
    }

    // For now what clear did; the end goes through the batch committer (one writer of the key) next.
    @Override
    public CompletionStage<Void> end(ShardId shard, SessionEnd end) {
        return redis.del(keys.session(shard.id())).thenAccept(deleted -> {});
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
