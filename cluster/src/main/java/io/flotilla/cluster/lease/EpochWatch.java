package io.flotilla.cluster.lease;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The highest value of the group's epoch counter this node has seen. The counter only grows while Redis keeps
 * its state, so a lower value means Redis lost state ({@link EpochRegressedException}). One per node, shared by
 * its leader lease and shard leases (they draw from the same counter).
 *
 * <p>Thread-safe.
 */
public final class EpochWatch {
    private final AtomicLong highest = new AtomicLong();

    /** The highest counter value seen (0 before the first). */
    public long highest() {
        return highest.get();
    }

    /**
     * A value the counter just issued by {@code INCR}: it must exceed every value seen before.
     *
     * @throws EpochRegressedException when it does not
     */
    public void issued(long epoch) {
        long before = highest.getAndAccumulate(epoch, Math::max);
        if (epoch <= before) {
            throw new EpochRegressedException(before, epoch);
        }
    }

    /**
     * The counter's current value as read (it may equal what was seen).
     *
     * @throws EpochRegressedException when it is lower than a value seen
     */
    public void read(long counter) {
        long before = highest.getAndAccumulate(counter, Math::max);
        if (counter < before) {
            throw new EpochRegressedException(before, counter);
        }
    }
}
