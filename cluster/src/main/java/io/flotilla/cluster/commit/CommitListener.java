package io.flotilla.cluster.commit;

/**
 * Told what the committer wrote, for metrics (the node binds it to its registry; the cluster module knows no
 * metrics library). Called on a lane thread after Redis answered, once per written dispatch and once per written
 * batch; must return at once, not block and not allocate per call (it sits on the event path). Batches Redis
 * already had ({@code DUPLICATE}) are not reported again.
 */
public interface CommitListener {
    /** Reports nothing. */
    CommitListener NONE = new CommitListener() {};

    /** A dispatch of type {@code type} was written to its event stream (only event names the filter queues). */
    default void committed(String type) {}

    /**
     * A batch of {@code shard} was written.
     *
     * @param dispatches how many dispatches it held
     * @param firstReceivedAt when its first dispatch was received, epoch ms (the commit latency starts there)
     */
    default void batchCommitted(int shard, int dispatches, long firstReceivedAt) {}
}
