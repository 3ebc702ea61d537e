package io.flotilla.cluster.coordinator;

import io.flotilla.cluster.lease.ShardFence;
import java.util.Set;
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

    /** The shards this node runs now (started and not yet stopped), for the membership record and the assignor's `running`. */
    Set<Integer> running();
}
