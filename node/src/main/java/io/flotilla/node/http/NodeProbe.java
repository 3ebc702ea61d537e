package io.flotilla.node.http;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * What the HTTP routes ask of a running node: the facts readiness is decided from, and the admin actions.
 * Implemented by the node's wiring once it runs; until then the server answers as a node that is starting.
 *
 * <p>Called on the HTTP server's loop: {@link #readiness} must be cheap and not block; the actions return at once
 * and complete later (they may read or write Redis).
 */
public interface NodeProbe {
    ReadinessFacts readiness();

    /**
     * Drains {@code node} (empty: this node): its shards move to other nodes by hand-off; the node stays up with no
     * shards. Completes with a sentence saying what was done; fails with {@link IllegalArgumentException} when the
     * node is unknown, {@link UnsupportedOperationException} when this node cannot do it.
     */
    CompletionStage<String> drain(Optional<String> node);

    /** Moves {@code shard} to {@code node} (by hand-off and RESUME); completes or fails as {@link #drain}. */
    CompletionStage<String> move(int shard, String node);
}
