package io.flotilla.gateway;

import io.flotilla.protocol.ShardId;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Port: where a shard's session survives a reconnect or a move to another node (GATEWAY.md section 5.8).
 *
 * <p>Contract: the shard calls these from its event loop and never blocks on the result, so implementations must
 * not block the caller; completing the stage on any thread is fine. {@link #load} is called before each connection
 * that is not a continuation of a live one; {@link #save} after READY, after RESUMED and on hand-off; {@link
 * #clear} when a new identify starts a new session. A failed save is logged by the shard and does not stop it.
 */
public interface SessionStore {
    /** The stored session of a shard, or null when there is none. */
    CompletionStage<@Nullable StoredSession> load(ShardId shard);

    CompletionStage<Void> save(ShardId shard, StoredSession session);

    CompletionStage<Void> clear(ShardId shard);
}
