package io.flotilla.gateway.local;

import io.flotilla.gateway.SessionStore;
import io.flotilla.gateway.StoredSession;
import io.flotilla.protocol.ShardId;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SessionStore} in a map, keyed by shard id. Thread-safe; completes every stage at once. Sessions are
 * lost with the process, so it can only resume within one process (enough for tests and the demo).
 */
public final class InMemorySessionStore implements SessionStore {
    private final ConcurrentMap<ShardId, StoredSession> sessions = new ConcurrentHashMap<>();

    @Override
    public CompletionStage<@Nullable StoredSession> load(ShardId shard) {
        return CompletableFuture.completedFuture(sessions.get(shard));
    }

    @Override
    public CompletionStage<Void> save(ShardId shard, StoredSession session) {
        sessions.put(shard, session);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> clear(ShardId shard) {
        sessions.remove(shard);
        return CompletableFuture.completedFuture(null);
    }

    /** The stored session, for tests. */
    public @Nullable StoredSession get(ShardId shard) {
        return sessions.get(shard);
    }
}
