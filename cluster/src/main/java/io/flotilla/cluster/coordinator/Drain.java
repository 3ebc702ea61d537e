package io.flotilla.cluster.coordinator;

import io.flotilla.cluster.membership.Membership;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this node drains, and who waits for it to run nothing. Draining is one-way: once begun the node starts
 * nothing more and says so in its record, so the leader moves its shards away by hand-off (a few per round). A node
 * is drained when its host runs nothing and no hand-off is in flight; the waiters are completed then, or by
 * {@link #end} when the coordinator leaves first.
 *
 * <p>Owns the draining flag and the waiters. Owned by the coordinator's loop thread: every method but {@link #expire}
 * is called there.
 */
final class Drain {
    private static final Logger LOG = LoggerFactory.getLogger(Drain.class);

    private final String nodeName;
    private final ShardHost host;
    private final Loop loop;

    // Loop thread only.
    private final List<CompletableFuture<Boolean>> waiters = new ArrayList<>();
    private boolean draining;

    Drain(String nodeName, ShardHost host, Loop loop) {
        this.nodeName = nodeName;
        this.host = host;
        this.loop = loop;
    }

    /** True once {@link #begin} ran. */
    boolean draining() {
        return draining;
    }

    /**
     * Begins draining (once; later calls do nothing): marks the node record draining when the node has joined.
     *
     * @param membership the node's membership, or null before the node joined
     * @param handingOff the shards being handed off now
     */
    void begin(@Nullable Membership membership, Set<Integer> handingOff) {
        if (!draining) {
            draining = true;
            if (membership != null) {
                membership.update(record -> record.withDraining(true));
            }
            LOG.info(
                    "{} drains: the leader moves its {} shard(s) away",
                    nodeName,
                    host.running().size());
            check(handingOff);
        }
    }

    /** Completes {@code waiter} with true once the node is drained (at once if it is). */
    void await(CompletableFuture<Boolean> waiter, Set<Integer> handingOff) {
        waiters.add(waiter);
        check(handingOff);
    }

    /**
     * Completes {@code waiter} with false once {@code grace} passed, if nothing completed it first (logged), or at once
     * with whether the host runs nothing when the loop is shut down. Called from any thread: it touches only the
     * waiter.
     */
    void expire(CompletableFuture<Boolean> waiter, Duration grace) {
        try {
            loop.after(grace, () -> {
                if (waiter.complete(false)) {
                    LOG.warn(
                            "{}: the drain grace of {} ms passed with shards {} still running",
                            nodeName,
                            grace.toMillis(),
                            host.running());
                }
            });
        } catch (RejectedExecutionException e) {
            waiter.complete(host.running().isEmpty());
        }
    }

    /** Completes the waiters when the host runs nothing and nothing is being handed off. */
    void check(Set<Integer> handingOff) {
        if (!waiters.isEmpty() && host.running().isEmpty() && handingOff.isEmpty()) {
            if (draining) {
                LOG.info("{} is drained: it runs no shard", nodeName);
            }
            waiters.forEach(waiter -> waiter.complete(true));
            waiters.clear();
        }
    }

    /** The coordinator left: completes the waiters with whether the host runs nothing. */
    void end() {
        waiters.forEach(waiter -> waiter.complete(host.running().isEmpty()));
        waiters.clear();
    }
}
