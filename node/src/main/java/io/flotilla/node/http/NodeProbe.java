package io.flotilla.node.http;

import io.flotilla.cluster.status.ClusterSnapshot;
import io.flotilla.cluster.status.ControlResult;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * What the HTTP routes ask of a running node: the facts readiness is decided from, the cluster as Redis holds it,
 * and the admin actions. Implemented by the node's wiring once it runs; until then the server answers as a node that
 * is starting.
 *
 * <p>Called on the HTTP server's loop: {@link #readiness} must be cheap and not block; the others return at once
 * and complete later, off the loop (they read or write Redis).
 */
public interface NodeProbe {
    ReadinessFacts readiness();

    /**
     * The whole cluster, read from Redis at most about {@link SnapshotCache#FRESH} ago. Fails with {@link
     * IllegalStateException} while the node is starting, with the reader's error when Redis cannot be read.
     */
    CompletionStage<ClusterSnapshot> cluster();

    /**
     * Drains {@code node} (by name or id; empty: this node): its shards move to other nodes by hand-off; the node
     * stays up with no shards. Completes with what came of the request (refused: with the reason); fails with
     * {@link IllegalStateException} when this node cannot ask now (it is starting), or with Redis's error.
     */
    CompletionStage<ControlResult> drain(Optional<String> node);

    /** Moves {@code shard} to {@code node} (by hand-off and RESUME); completes or fails as {@link #drain}. */
    CompletionStage<ControlResult> move(int shard, String node);
}
