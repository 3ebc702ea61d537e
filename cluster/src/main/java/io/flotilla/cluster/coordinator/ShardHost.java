package io.flotilla.cluster.coordinator;

import io.flotilla.cluster.lease.ShardFence;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.CompletionStage;

/**
 * What the coordinator drives on its node: the shards that run here. Implemented by the node (real gateway shards).
 *
 * <p>Threading: the coordinator calls {@link #start}, {@link #handOff} and {@link #running} from its loop thread, and
 * {@link #fence} also from the shard leases' thread (a lost lease is fenced at once, whatever the loop is doing), so
 * an implementation must be thread-safe. {@link #running} must include a shard as soon as {@link #start} returned.
 */
public interface ShardHost {
    /**
     * Start running {@code shard} under {@code fence} (the node holds its lease). Returns at once; the shard resumes
     * the stored session or identifies through the identify gate.
     */
    void start(int shard, ShardFence fence);

    /**
     * Hand the shard to another node: stop reading, commit what is held (bounded by a timeout), close with a resumable
     * code (never 1000/1001). Completes when the socket is closed; never fails. The coordinator releases the lease
     * after.
     */
    CompletionStage<Void> handOff(int shard);

    /**
     * The lease is lost (or Redis refused a batch: fenced): stop the shard at once, commit nothing more, close with a
     * resumable code.
     */
    void fence(int shard, String why);

    /**
     * Called on the leader just before it writes the first assignment of a cluster that has none (a cold start, or a
     * Redis that came back empty): these shards are about to be placed. The host tells its identify gate, so the gate
     * knows every shard of the plan before any node runs one and keeps the rounds in order however late a node starts
     * its shards. Blocks at most a Redis timeout; never throws (without it the rounds are only ordered within reason).
     * Not a default method on purpose: a wrapper that forgot to forward it silently broke the order once.
     */
    void coldStart(SortedSet<Integer> shards);

    /** The shards this node runs now (started and not yet stopped), for the membership record and the assignor's `running`. */
    Set<Integer> running();
}
