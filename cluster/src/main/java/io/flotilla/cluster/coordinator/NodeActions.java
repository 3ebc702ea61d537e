package io.flotilla.cluster.coordinator;

import io.flotilla.cluster.ClusterException;
import io.flotilla.cluster.lease.ShardFence;
import io.flotilla.cluster.lease.ShardLeases;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@link NodeRound} to the {@link ShardHost} and the shard leases, in the order that keeps one live owner
 * per shard: fence, release, hand off (the lease is released only once the hand-off completed or the shard was
 * fenced), then start (the lease is taken first; a shard whose lease is still held elsewhere waits, logged once).
 *
 * <p>Owns the shards being handed off and those waiting for their lease. Owned by the coordinator's loop thread: a
 * hand-off completes on the host's thread and is handed back to the loop.
 */
final class NodeActions {
    private static final Logger LOG = LoggerFactory.getLogger(NodeActions.class);

    // Settings and collaborators.
    private final Duration handOffTimeout;
    private final ShardLeases leases;
    private final ShardHost host;
    private final Loop loop;
    private final Function<String, String> names;
    private final Runnable handedOff;
    private final HandOffRecorder recorder;

    // Loop thread only.
    private final SortedSet<Integer> handingOff = new TreeSet<>();
    private final SortedSet<Integer> waiting = new TreeSet<>();
    private boolean closed;

    /**
     * @param names node id → name, for the log
     * @param handedOff runs on the loop once a hand-off's lease was released
     */
    NodeActions(
            Duration handOffTimeout,
            ShardLeases leases,
            ShardHost host,
            Loop loop,
            Function<String, String> names,
            Runnable handedOff,
            HandOffRecorder recorder) {
        this.handOffTimeout = handOffTimeout;
        this.leases = leases;
        this.host = host;
        this.loop = loop;
        this.names = names;
        this.handedOff = handedOff;
        this.recorder = recorder;
    }

    /** The shards being handed off now (a live read-only view). */
    SortedSet<Integer> handingOff() {
        return Collections.unmodifiableSortedSet(handingOff);
    }

    /** Forgets which shards wait for their lease (Redis lost state: the next round reads everything again). */
    void forgetWaiting() {
        waiting.clear();
    }

    /** The coordinator leaves: a hand-off that completes later releases nothing (the leases are closed). */
    void close() {
        closed = true;
    }

    /**
     * Does what the round decided.
     *
     * @throws ClusterException when Redis failed (what was done stays done; the next round decides again)
     */
    void apply(NodeRound actions) {
        for (int shard : actions.fence()) {
            LOG.warn("shard {} runs without a live lease: fencing it", shard);
            host.fence(shard, "its lease is gone");
        }
        for (int shard : actions.release()) {
            leases.release(shard);
        }
        actions.handOff().forEach(this::handOff);
        waiting.retainAll(actions.start());
        for (int shard : actions.start()) {
            Optional<ShardFence> fence = leases.tryAcquire(shard);
            if (fence.isPresent()) {
                waiting.remove(shard);
                LOG.info(
                        "starting shard {} (lease epoch {})", shard, fence.get().epoch());
                host.start(shard, fence.get());
            } else if (waiting.add(shard)) {
                LOG.info(
                        "shard {} is assigned here; waiting for its lease ({}) to be released or to expire",
                        shard,
                        leases.holder(shard).orElse("just freed"));
            }
        }
    }

    private void handOff(int shard, String to) {
        handingOff.add(shard);
        recorder.began(shard, to);
        LOG.info("handing off shard {} to {}", shard, names.apply(to));
        CompletableFuture<Void> done;
        try {
            done = host.handOff(shard).toCompletableFuture();
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        done.orTimeout(handOffTimeout.toNanos(), TimeUnit.NANOSECONDS)
                .whenComplete((ignored, failure) -> loop.execute(() -> handedOff(shard, failure)));
    }

    private void handedOff(int shard, @Nullable Throwable failure) {
        if (failure != null) {
            LOG.warn("handing off shard {} did not complete ({}): fencing it", shard, failure.toString());
            host.fence(shard, "its hand-off did not complete");
            recorder.forget(shard);
        } else {
            recorder.completed(shard);
        }
        handingOff.remove(shard);
        if (closed) {
            return;
        }
        try {
            leases.release(shard);
            LOG.info("handed off shard {}; its lease is released", shard);
        } catch (ClusterException e) {
            LOG.warn("releasing shard {}'s lease failed ({}); retried next round", shard, e.getMessage());
        }
        handedOff.run();
    }
}
