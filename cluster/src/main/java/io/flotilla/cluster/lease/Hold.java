package io.flotilla.cluster.lease;

import java.time.Duration;
import java.time.Instant;

/**
 * A lease this node holds and the local deadline after which it must assume it lost it
 * ({@link LeaseConfig#deadlineFor}, measured from when the last successful renewal was sent).
 *
 * @param lease what is held ({@link LeaderTerm} or {@link ShardFence})
 * @param deadline when the owner stops trusting the lease, by the injected clock
 */
public record Hold<T>(T lease, Instant deadline) {
    /** A lease whose acquisition was sent at {@code sentAt}. */
    public static <T> Hold<T> sentAt(T lease, Instant sentAt, LeaseConfig config) {
        return new Hold<>(lease, config.deadlineFor(sentAt));
    }

    /**
     * After a successful renewal sent at {@code sentAt}. The deadline never moves back: a reply to an older
     * renewal that arrives late must not shorten what a newer one proved.
     */
    public Hold<T> renewedAt(Instant sentAt, LeaseConfig config) {
        Instant next = config.deadlineFor(sentAt);
        return next.isAfter(deadline) ? new Hold<>(lease, next) : this;
    }

    /** True once {@code now} reached the deadline: act as if the lease were gone. */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(deadline);
    }

    /** Time left before the deadline (zero once passed). */
    public Duration remaining(Instant now) {
        Duration left = Duration.between(now, deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
