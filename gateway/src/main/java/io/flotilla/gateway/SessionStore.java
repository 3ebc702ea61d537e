package io.flotilla.gateway;

import io.flotilla.protocol.ShardId;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Port: where a shard's session survives a reconnect or a move to another node (GATEWAY.md section 5.8).
 *
 * <p>Contract: the shard calls these from its event loop and never blocks on the result, so implementations must
 * not block the caller; completing the stage on any thread is fine. {@link #load} is called when the shard starts;
 * a failed load is retried with backoff (never a reason to identify). {@link #save} after READY, after RESUMED and
 * on hand-off; {@link #end} when a session ends (Discord invalidated it, a fallback gave it up, the store lost it,
 * or a shutdown closed it with 1000), before the shard identifies anew. A failed save or end is logged by the shard
 * and does not stop it.
 */
public interface SessionStore {
    /** The stored session of a shard, or null when there is none. */
    CompletionStage<@Nullable StoredSession> load(ShardId shard);

    CompletionStage<Void> save(ShardId shard, StoredSession session);

    /** Session {@code end.sessionId()} is over: forget it (and record a gap when {@code end.reason().gap()}). */
    CompletionStage<Void> end(ShardId shard, SessionEnd end);
}
