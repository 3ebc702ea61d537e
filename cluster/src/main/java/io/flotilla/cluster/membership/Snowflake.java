package io.flotilla.cluster.membership;

import java.time.Instant;
import java.time.InstantSource;
import java.util.random.RandomGenerator;

/**
 * Makes ids locally, without an id service: 41 bits of milliseconds since {@link #EPOCH} (until 2093), 10 random
 * bits drawn once per generator (two nodes started in the same millisecond differ with odds 1023 in 1024, and
 * {@link Membership#start} refuses an id already registered), then a 12-bit sequence within the millisecond.
 * Ids grow with time and stay positive. A clock that goes back does not make ids go back: the generator keeps
 * to the last millisecond it used, and borrows the next millisecond when a sequence runs out (never sleeps).
 *
 * <p>Thread-safe (synchronized; ids are made rarely).
 */
public final class Snowflake {
    /** 2024-01-01T00:00:00Z: time zero of the timestamp bits. */
    public static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");

    static final int SEQUENCE_BITS = 12;
    static final int RANDOM_BITS = 10;
    private static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;
    private static final long MAX_MILLIS = (1L << 41) - 1;

    private final InstantSource clock;
    private final long instance;
    private long lastMillis = -1;
    private long sequence;

    public Snowflake(InstantSource clock, RandomGenerator random) {
        this.clock = clock;
        this.instance = random.nextLong(1L << RANDOM_BITS);
    }

    /** A new id, greater than every id this generator made before. */
    public synchronized long next() {
        long millis = clock.millis() - EPOCH.toEpochMilli();
        if (millis < 0 || millis > MAX_MILLIS) {
            throw new IllegalStateException("the clock says " + clock.instant() + ", outside the ids' range from "
                    + EPOCH + " (is the system clock set?)");
        }
        if (millis > lastMillis) {
            lastMillis = millis;
            sequence = 0;
        } else if (++sequence > SEQUENCE_MASK) {
            lastMillis++;
            sequence = 0;
        }
        return (lastMillis << (RANDOM_BITS + SEQUENCE_BITS)) | (instance << SEQUENCE_BITS) | sequence;
    }

    /** {@link #next()} as a node id (decimal). */
    public String nextNodeId() {
        return Long.toString(next());
    }

    /** When an id was made (to the millisecond). */
    public static Instant timeOf(long id) {
        return EPOCH.plusMillis(id >>> (RANDOM_BITS + SEQUENCE_BITS));
    }
}
