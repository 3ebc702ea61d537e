package io.flotilla.node;

import io.flotilla.cluster.coordinator.ShardHost;
import io.flotilla.cluster.lease.ShardFence;
import io.flotilla.cluster.lease.ShardLeases;
import io.flotilla.cluster.membership.Membership;
import io.flotilla.cluster.membership.NodeRecord;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A STAND-IN for {@code io.flotilla.cluster.coordinator.Coordinator} (written in parallel on branch {@code coord})
 * with its API ({@link #start}, {@link #drain}, {@link #awaitDrained}, {@link #close}), so the node runs and its
 * process tests run before the merge; {@link ClusterCoordination} is the one place that replaces it. No leader
 * and no assignment: every tick each node computes its share of the shards from the live membership ({@link
 * #target}), takes free shard leases while it runs fewer and hands one shard off while it runs more; a draining
 * node hands everything off. Leases make it safe (a shard runs only where its lease is held).
 *
 * <p>Threading: its state is owned by the given single-threaded scheduler.
 */
final class InterimCoordinator {
    private static final Logger LOG = LoggerFactory.getLogger(InterimCoordinator.class);

    private final int shardCount;
    private final Duration tick;
    private final ShardHost host;
    private final ShardLeases leases;
    private final Membership membership;
    private final ScheduledExecutorService loop;
    private final Set<Integer> handingOff = new HashSet<>(); // loop thread only
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile boolean draining;
    private @Nullable ScheduledFuture<?> ticks;

    InterimCoordinator(
            int shardCount,
            Duration tick,
            ShardHost host,
            ShardLeases leases,
            Membership membership,
            ScheduledExecutorService loop) {
        this.shardCount = shardCount;
        this.tick = tick;
        this.host = host;
        this.leases = leases;
        this.membership = membership;
        this.loop = loop;
    }

    synchronized void start() {
        if (ticks == null) {
            ticks = loop.scheduleWithFixedDelay(this::tick, 0, tick.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** Marks this node draining: its shards are handed off and no new one is taken. */
    void drain() {
        draining = true;
        membership.update(record -> record.withDraining(true));
        loop.execute(this::tick);
    }

    /** Completes with true when this node runs no shard any more, with false when {@code grace} passed first. */
    CompletionStage<Boolean> awaitDrained(Duration grace) {
        return drained.thenApply(done -> true).completeOnTimeout(false, grace.toNanos(), TimeUnit.NANOSECONDS);
    }

    synchronized void close() {
        ScheduledFuture<?> running = ticks;
        if (running != null) {
            running.cancel(false);
        }
    }

    private void tick() {
        try {
            Set<Integer> running = host.running();
            membership.update(record -> record.withShards(new TreeSet<>(running)));
            if (draining) {
                running.forEach(this::handOff);
                if (running.isEmpty() && handingOff.isEmpty()) {
                    drained.complete(null);
                }
                return;
            }
            int target = target(membership.members(), membership.self().id());
            int mine = running.size();
            if (mine > target && handingOff.isEmpty()) {
                handOff(new TreeSet<>(running).last());
                return;
            }
            for (int shard = 0; shard < shardCount && mine < target; shard++) {
                if (running.contains(shard) || handingOff.contains(shard)) {
                    continue;
                }
                Optional<ShardFence> fence = leases.tryAcquire(shard);
                if (fence.isPresent()) {
                    host.start(shard, fence.get());
                    mine++;
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("coordination round failed; next round in {} ms: {}", tick.toMillis(), e.toString());
        }
    }

    /**
     * This node's share: {@code floor(shards / nodes)}, plus one for the first {@code shards % nodes} nodes by id,
     * so the shares add up to the shard count and differ by at most one.
     */
    private int target(List<NodeRecord> members, String self) {
        List<String> active = members.stream()
                .filter(member -> !member.draining())
                .map(NodeRecord::id)
                .sorted()
                .toList();
        int count = Math.max(1, active.size());
        int rank = Math.max(0, active.indexOf(self));
        return shardCount / count + (rank < shardCount % count ? 1 : 0);
    }

    private void handOff(int shard) {
        if (!handingOff.add(shard)) {
            return;
        }
        host.handOff(shard)
                .whenComplete((done, error) -> loop.execute(() -> {
                    leases.release(shard);
                    handingOff.remove(shard);
                    if (draining) {
                        tick();
                    }
                }));
    }
}
