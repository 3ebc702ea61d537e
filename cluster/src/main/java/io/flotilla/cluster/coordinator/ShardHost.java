package io.flotilla.cluster.coordinator;

import io.flotilla.cluster.lease.ShardFence;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.NullMarked;

/** What the coordinator drives on its node: the shards that run here. Implemented by the node (real gateway shards). */
@NullMarked
public interface ShardHost {
    /** Start running `shard` under `fence` (the node holds its lease). Returns at once; the shard resumes the stored session or identifies through the identify gate. */
    void start(int shard, ShardFence fence);

    /** Hand the shard to another node: stop reading, commit what is held (bounded by a timeout), close with a resumable code (never 1000/1001). Completes when the socket is closed; never fails. The coordinator releases the lease after. */
    CompletionStage<Void> handOff(int shard);

    /** The lease is lost (or Redis refused a batch: fenced): stop the shard at once, commit nothing more, close with a resumable code. */
    void fence(int shard, String why);

    /** The shards this node runs now (started and not yet stopped), for the membership record and the assignor's `running`. */
    Set<Integer> running();
}
