package io.flotilla.cluster.lease;

import io.flotilla.cluster.ClusterException;
import io.flotilla.worker.Keys;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shard leases this node holds ({@code g:cluster:<group>:shard:<id>:lease} = {@code <nodeId>:<epoch>}, PX
 * TTL). A lease is taken only when free (released or expired), with a fresh epoch from the group's counter; all
 * held leases are renewed together in one compare-and-extend script every {@link LeaseConfig#renewEvery}. The
 * {@link ShardLeaseListener} hears at once when a renewal is refused or fails, and when a lease's local deadline
 * (from when its last good renewal was sent, minus the safety margin) passes: then the shard must self-fence.
 *
 * <p>Threading: the held leases are owned by the given single-threaded scheduler; {@link #tryAcquire} and
 * {@link #release} run there (waiting for it when called elsewhere, inline from a listener callback), and the
 * readers ({@link #fence}, {@link #held}) read a published copy from any thread.
 */
public final class ShardLeases implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ShardLeases.class);

    private final LeaseCommands redis;
    private final Keys keys;
    private final String nodeId;
    private final LeaseConfig config;
    private final InstantSource clock;
    private final ShardLeaseListener listener;
    private final OwnerLoop loop;
    private final Duration callTimeout;
    private final Map<Integer, Hold<ShardFence>> held = new TreeMap<>(); // loop thread only
    private volatile Map<Integer, Hold<ShardFence>> published = Map.of();
    private @Nullable ScheduledFuture<?> ticks;

    public ShardLeases(
            StatefulRedisConnection<String, String> connection,
            Keys keys,
            String nodeId,
            LeaseConfig config,
            InstantSource clock,
            ScheduledExecutorService scheduler,
            EpochWatch epochs,
            ShardLeaseListener listener) {
        this.redis = new LeaseCommands(connection, keys, config, clock, epochs);
        this.keys = keys;
        this.nodeId = nodeId;
        this.config = config;
        this.clock = clock;
        this.listener = listener;
        this.loop = new OwnerLoop(scheduler, "shard leases");
        // A renewal round and a WAIT may be ahead of the call on the loop.
        this.callTimeout = config.redisTimeout().plus(config.replicaWait()).multipliedBy(4);
    }

    /** Starts renewing what is held (every {@link LeaseConfig#renewEvery}). */
    public synchronized void start() {
        if (ticks == null) {
            ticks = loop.every(config.renewEvery(), this::renewAll);
        }
    }

    /**
     * Takes the shard's lease if it is free; the fence when this node holds it now (also when it already did).
     *
     * @throws EpochRegressedException when Redis lost state (every held lease was ended as well)
     * @throws ClusterException when Redis failed or no replica confirmed the lease
     */
    public Optional<ShardFence> tryAcquire(int shard) {
        return loop.call(() -> acquire(shard), callTimeout);
    }

    /** Gives the lease up (compare-and-delete); true when Redis still held it for this node. */
    public boolean release(int shard) {
        return loop.call(
                () -> {
                    Hold<ShardFence> hold = held.remove(shard);
                    publish();
                    return hold != null
                            && redis.release(hold.lease().key(), hold.lease().token());
                },
                callTimeout);
    }

    /** The shard's fence while this node holds its lease and the local deadline has not passed. */
    public Optional<ShardFence> fence(int shard) {
        Hold<ShardFence> hold = published.get(shard);
        return hold == null || hold.expiredAt(clock.instant()) ? Optional.empty() : Optional.of(hold.lease());
    }

    /** The shard's local deadline, while held. */
    public Optional<Instant> deadline(int shard) {
        return Optional.ofNullable(published.get(shard)).map(Hold::deadline);
    }

    /** Every lease held and not past its deadline, by shard. */
    public Map<Integer, ShardFence> held() {
        Instant now = clock.instant();
        Map<Integer, ShardFence> live = new TreeMap<>();
        published.forEach((shard, hold) -> {
            if (!hold.expiredAt(now)) {
                live.put(shard, hold.lease());
            }
        });
        return live;
    }

    /** The token that holds the shard's lease in Redis now (any node's), or empty when free. */
    public Optional<String> holder(int shard) {
        return redis.get(keys.shardLease(shard));
    }

    /** Stops renewing and releases every lease ({@link LossReason#RELEASED} to the listener). */
    @Override
    public void close() {
        loop.call(
                () -> {
                    synchronized (this) {
                        if (ticks != null) {
                            ticks.cancel(false);
                        }
                    }
                    for (Map.Entry<Integer, Hold<ShardFence>> entry : new ArrayList<>(held.entrySet())) {
                        lose(entry.getKey(), entry.getValue(), LossReason.RELEASED);
                    }
                    return null;
                },
                callTimeout);
    }

    private Optional<ShardFence> acquire(int shard) {
        Hold<ShardFence> existing = held.get(shard);
        if (existing != null) {
            if (!existing.expiredAt(clock.instant())) {
                return Optional.of(existing.lease());
            }
            lose(shard, existing, LossReason.DEADLINE);
        }
        String key = keys.shardLease(shard);
        Instant sentAt = clock.instant();
        LeaseCommands.Acquisition acquisition;
        try {
            acquisition = redis.acquire(key, nodeId);
        } catch (EpochRegressedException e) {
            stateLost(e);
            throw e;
        }
        if (acquisition instanceof LeaseCommands.Acquisition.Acquired acquired) {
            ShardFence fence = new ShardFence(key, acquired.token(), acquired.epoch());
            held.put(shard, Hold.sentAt(fence, sentAt, config));
            publish();
            return Optional.of(fence);
        }
        return Optional.empty();
    }

    private void renewAll() {
        Instant now = clock.instant();
        for (Map.Entry<Integer, Hold<ShardFence>> entry : new ArrayList<>(held.entrySet())) {
            if (entry.getValue().expiredAt(now)) {
                lose(entry.getKey(), entry.getValue(), LossReason.DEADLINE);
            }
        }
        List<Map.Entry<Integer, Hold<ShardFence>>> round = new ArrayList<>(held.entrySet());
        if (round.isEmpty()) {
            return;
        }
        List<String> leaseKeys =
                round.stream().map(e -> e.getValue().lease().key()).toList();
        List<String> tokens =
                round.stream().map(e -> e.getValue().lease().token()).toList();
        Instant sentAt = clock.instant();
        try {
            boolean[] extended = redis.extend(leaseKeys, tokens);
            for (int i = 0; i < extended.length; i++) {
                int shard = round.get(i).getKey();
                Hold<ShardFence> hold = round.get(i).getValue();
                if (held.get(shard) != hold) {
                    continue; // released or replaced meanwhile (by a listener callback)
                }
                if (extended[i]) {
                    held.put(shard, hold.renewedAt(sentAt, config));
                } else {
                    lose(shard, hold, LossReason.REFUSED);
                }
            }
            publish();
        } catch (EpochRegressedException e) {
            stateLost(e);
        } catch (ClusterException e) {
            LOG.warn("renewing {} shard lease(s) failed: {}", round.size(), e.getMessage());
            Instant after = clock.instant();
            Duration soonest = config.ttl();
            for (Map.Entry<Integer, Hold<ShardFence>> entry : round) {
                Hold<ShardFence> hold = entry.getValue();
                listener.renewalFailed(entry.getKey(), hold.lease(), hold.deadline(), e);
                Duration left = hold.remaining(after);
                soonest = left.compareTo(soonest) < 0 ? left : soonest;
            }
            loop.after(soonest, this::expireOverdue);
        }
    }

    /** Ends every lease past its deadline (scheduled for the deadline after a failed renewal). */
    private void expireOverdue() {
        Instant now = clock.instant();
        for (Map.Entry<Integer, Hold<ShardFence>> entry : new ArrayList<>(held.entrySet())) {
            if (entry.getValue().expiredAt(now)) {
                lose(entry.getKey(), entry.getValue(), LossReason.DEADLINE);
            }
        }
    }

    private void stateLost(EpochRegressedException cause) {
        LOG.warn("{}", cause.getMessage());
        for (Map.Entry<Integer, Hold<ShardFence>> entry : new ArrayList<>(held.entrySet())) {
            lose(entry.getKey(), entry.getValue(), LossReason.STATE_LOST);
        }
        listener.stateLost(cause);
        try {
            redis.restoreFloor();
        } catch (ClusterException e) {
            LOG.debug("restoring the epoch counter failed (retried on the next regression): {}", e.getMessage());
        }
    }

    /** Ends a lease locally first, then in Redis (best effort, so the next owner need not wait for the TTL). */
    private void lose(int shard, Hold<ShardFence> hold, LossReason reason) {
        held.remove(shard, hold);
        publish();
        listener.lost(shard, hold.lease(), reason);
        if (reason != LossReason.REFUSED) {
            redis.releaseQuietly(hold.lease().key(), hold.lease().token());
        }
    }

    private void publish() {
        published = Map.copyOf(held);
    }
}
