package io.flotilla.cluster.commit;

/**
 * Told when a shard must stop reading from its socket (Redis is slow or down, too many dispatches wait for
 * their commit) and when it may read again. The gateway adapter switches the channel's auto-read.
 *
 * <p>Called from a committer lane or the shard's own thread, never concurrently for one shard, and each call
 * flips the state. Must not block.
 */
@FunctionalInterface
public interface Backpressure {

    /**
     * The shard's reading state changes.
     *
     * @param paused true: stop reading; false: read again
     */
    void changed(boolean paused);
}
