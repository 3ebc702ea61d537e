package io.flotilla.cluster.lease;

import io.flotilla.cluster.ClusterException;
import io.flotilla.worker.Keys;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's campaign for the group's leader lease ({@code g:cluster:<group>:leader} = {@code <nodeId>:<epoch>},
 * PX TTL): every {@link LeaseConfig#renewEvery} it renews the term it holds (compare-and-extend) or, when it holds
 * none, tries to take a free lease with a fresh epoch. Elections and losses go to the {@link LeadershipListener}.
 * A renewal that fails keeps the term until its local deadline (from when the last good renewal was sent); then
 * the term is lost. An epoch counter seen going backwards ends the term ({@link LossReason#STATE_LOST}), lifts
 * the counter above what this node saw, and the campaign goes on.
 *
 * <p>Threading: the term is owned by the given single-threaded scheduler; {@link #current} may be read from any
 * thread. Give it its own connection: a {@code WAIT} blocks the connection it runs on.
 */
public final class LeaderLease implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderLease.class);

    private final LeaseCommands redis;
    private final Keys keys;
    private final String nodeId;
    private final LeaseConfig config;
    private final InstantSource clock;
    private final LeadershipListener listener;
    private final OwnerLoop loop;
    private volatile @Nullable Hold<LeaderTerm> hold;
    private @Nullable ScheduledFuture<?> ticks; // loop thread (and start)

    public LeaderLease(
            StatefulRedisConnection<String, String> connection,
            Keys keys,
            String nodeId,
            LeaseConfig config,
            InstantSource clock,
            ScheduledExecutorService scheduler,
            EpochWatch epochs,
            LeadershipListener listener) {
        this.redis = new LeaseCommands(connection, keys, config, clock, epochs);
        this.keys = keys;
        this.nodeId = nodeId;
        this.config = config;
        this.clock = clock;
        this.listener = listener;
        this.loop = new OwnerLoop(scheduler, "leader lease");
    }

    /** Starts campaigning (the first attempt at once). */
    public synchronized void start() {
        if (ticks == null) {
            ticks = loop.every(config.renewEvery(), this::tick);
        }
    }

    /** The term this node holds, while its local deadline has not passed. */
    public Optional<LeaderTerm> current() {
        Hold<LeaderTerm> held = hold;
        return held == null || held.expiredAt(clock.instant()) ? Optional.empty() : Optional.of(held.lease());
    }

    /** The term this node holds and its deadline, even past the deadline (until the loop notices). */
    public Optional<Hold<LeaderTerm>> hold() {
        return Optional.ofNullable(hold);
    }

    /** Who leads now, as Redis says (blocking, bounded by the Redis timeout). */
    public Optional<LeaderTerm> holder() {
        return redis.get(keys.leader()).flatMap(LeaderTerm::parse);
    }

    /** Stops campaigning and hands leadership over: releases a held term ({@link LossReason#RELEASED}). */
    @Override
    public void close() {
        loop.call(
                () -> {
                    synchronized (this) {
                        if (ticks != null) {
                            ticks.cancel(false);
                        }
                    }
                    Hold<LeaderTerm> held = hold;
                    if (held != null) {
                        lose(held, LossReason.RELEASED);
                    }
                    return null;
                },
                config.redisTimeout().multipliedBy(4));
    }

    private void tick() {
        Hold<LeaderTerm> held = hold;
        if (held != null && held.expiredAt(clock.instant())) {
            lose(held, LossReason.DEADLINE);
            held = null;
        }
        if (held == null) {
            campaign();
        } else {
            renew(held);
        }
    }

    private void campaign() {
        Instant sentAt = clock.instant();
        try {
            if (redis.acquire(keys.leader(), nodeId) instanceof LeaseCommands.Acquisition.Acquired acquired) {
                Hold<LeaderTerm> won = Hold.sentAt(new LeaderTerm(nodeId, acquired.epoch()), sentAt, config);
                hold = won;
                LOG.info("{} leads group {} with epoch {}", nodeId, keys.group(), acquired.epoch());
                listener.elected(won.lease(), won.deadline());
            }
        } catch (EpochRegressedException e) {
            stateLost(null, e);
        } catch (ClusterException e) {
            LOG.debug("campaigning for the leader lease failed: {}", e.getMessage());
        }
    }

    private void renew(Hold<LeaderTerm> held) {
        Instant sentAt = clock.instant();
        try {
            if (redis.extend(List.of(keys.leader()), List.of(held.lease().token()))[0]) {
                hold = held.renewedAt(sentAt, config);
            } else {
                lose(held, LossReason.REFUSED);
            }
        } catch (EpochRegressedException e) {
            stateLost(held, e);
        } catch (ClusterException e) {
            if (held.expiredAt(clock.instant())) {
                lose(held, LossReason.DEADLINE);
            } else {
                listener.renewalFailed(held.lease(), held.deadline(), e);
                loop.after(held.remaining(clock.instant()), () -> checkDeadline(held.lease()));
            }
        }
    }

    private void checkDeadline(LeaderTerm term) {
        Hold<LeaderTerm> held = hold;
        if (held != null && held.lease().equals(term) && held.expiredAt(clock.instant())) {
            lose(held, LossReason.DEADLINE);
        }
    }

    private void stateLost(@Nullable Hold<LeaderTerm> held, EpochRegressedException cause) {
        LOG.warn("{}", cause.getMessage());
        if (held != null) {
            lose(held, LossReason.STATE_LOST);
        }
        listener.stateLost(cause);
        try {
            redis.restoreFloor();
        } catch (ClusterException e) {
            LOG.debug("restoring the epoch counter failed (retried on the next regression): {}", e.getMessage());
        }
    }

    /** Ends the term locally first, then (best effort) in Redis so the next leader need not wait for the TTL. */
    private void lose(Hold<LeaderTerm> held, LossReason reason) {
        hold = null;
        LOG.info(
                "{} no longer leads group {} (epoch {}): {}",
                nodeId,
                keys.group(),
                held.lease().epoch(),
                reason);
        listener.lost(held.lease(), reason);
        if (reason == LossReason.RELEASED) {
            redis.release(keys.leader(), held.lease().token());
        } else if (reason != LossReason.REFUSED) {
            redis.releaseQuietly(keys.leader(), held.lease().token());
        }
    }
}
