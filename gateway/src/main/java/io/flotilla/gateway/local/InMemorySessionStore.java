package io.flotilla.gateway.local;

import io.flotilla.gateway.SessionEnd;
import io.flotilla.gateway.SessionStore;
import io.flotilla.gateway.StoredSession;
import io.flotilla.protocol.ShardId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * A {@link SessionStore} in a map, keyed by shard id. Thread-safe; completes every stage at once. Sessions are
 * lost with the process, so it can only resume within one process (enough for tests and the demo).
 */
public final class InMemorySessionStore implements SessionStore {
    private final ConcurrentMap<ShardId, StoredSession> sessions = new ConcurrentHashMap<>();
    private final List<SessionEnd> ends = new CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<@Nullable StoredSession> load(ShardId shard) {
        return CompletableFuture.completedFuture(sessions.get(shard));
    }

    @Override
    public CompletionStage<Void> save(ShardId shard, StoredSession session) {
        sessions.put(shard, session);
        return CompletableFuture.completedFuture(null);
    }

    /** Forgets the shard's session if it is the one that ended, and records the end for tests. */
    @Override
    public CompletionStage<Void> end(ShardId shard, SessionEnd end) {
        sessions.computeIfPresent(shard, (id, stored) -> stored.sessionId().equals(end.sessionId()) ? null : stored);
        ends.add(end);
        return CompletableFuture.completedFuture(null);
    }

    /** Every session end reported so far, in order, for tests. */
    public List<SessionEnd> ends() {
        return List.copyOf(ends);
    }

    /** The stored session, for tests. */
    public @Nullable StoredSession get(ShardId shard) {
        return sessions.get(shard);
    }
}
