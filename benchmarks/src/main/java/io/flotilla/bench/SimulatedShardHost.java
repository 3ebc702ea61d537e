package io.flotilla.bench;

import io.flotilla.cluster.coordinator.ShardHost;
import io.flotilla.cluster.lease.ShardFence;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ShardHost} for {@link ControlPlaneAtScale}: the real coordinator drives it, but a "shard" is only an
 * entry in a set, so fifty nodes and hundreds of shards fit in one JVM. A hand-off takes {@code handOffTime} (the
 * commit and close a real shard does). Every start checks the shared {@link Owners}: a shard started while another
 * node still runs it is a breach of the one-owner promise, recorded.
 *
 * <p>Thread-safe: the coordinator's loop and lease threads call it; hand-offs complete on the shared timer.
 */
final class SimulatedShardHost implements ShardHost {
    /** Which node runs each shard, shared by every host of a simulation; and the breaches seen. */
    static final class Owners {
        final ConcurrentHashMap<Integer, String> byShard = new ConcurrentHashMap<>();
        /** Shards of a crashed node → the earliest moment their leases can have expired. */
        final ConcurrentHashMap<Integer, Instant> leasedUntil = new ConcurrentHashMap<>();

        final List<String> breaches = java.util.Collections.synchronizedList(new ArrayList<>());
    }

    private final String name;
    private final Owners owners;
    private final ScheduledExecutorService timer;
    private final Duration handOffTime;
    private final Set<Integer> running = ConcurrentHashMap.newKeySet();

    SimulatedShardHost(String name, Owners owners, ScheduledExecutorService timer, Duration handOffTime) {
        this.name = name;
        this.owners = owners;
        this.timer = timer;
        this.handOffTime = handOffTime;
    }

    @Override
    public void start(int shard, ShardFence fence) {
        String before = owners.byShard.putIfAbsent(shard, name);
        if (before != null && !before.equals(name)) {
            owners.breaches.add("shard " + shard + " started on " + name + " while " + before + " ran it");
        }
        Instant leased = owners.leasedUntil.remove(shard);
        if (leased != null && Instant.now().isBefore(leased)) {
            owners.breaches.add("shard " + shard + " started on " + name + " before a crashed owner's lease expired");
        }
        running.add(shard);
    }

    @Override
    public CompletionStage<Void> handOff(int shard) {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        timer.schedule(
                () -> {
                    stop(shard);
                    closed.complete(null);
                },
                handOffTime.toMillis(),
                TimeUnit.MILLISECONDS);
        return closed;
    }

    @Override
    public void fence(int shard, String why) {
        stop(shard);
    }

    @Override
    public void coldStart(SortedSet<Integer> shards) {
        // No identify gate here: the identify plan of a cold start is computed apart (InternetScale).
    }

    @Override
    public Set<Integer> running() {
        return Set.copyOf(running);
    }

    /**
     * The node's process died: its shards stop with it, and their leases are left to expire, at the earliest
     * {@code ttl - renewEvery} from now (renewed at most {@code renewEvery} ago).
     */
    void crash(Duration earliestExpiry) {
        Instant until = Instant.now().plus(earliestExpiry);
        for (int shard : Set.copyOf(running)) {
            stop(shard);
            owners.leasedUntil.put(shard, until);
        }
    }

    private void stop(int shard) {
        running.remove(shard);
        owners.byShard.remove(shard, name);
    }
}
