package io.flotilla.cluster.status;

import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * When this node last received a dispatch of each shard (epoch ms, 0 = none), kept for the status it publishes. The
 * event path calls {@link #received} for every dispatch, so it is one clock read and one volatile store into a slot
 * per shard: no lock, no allocation.
 *
 * <p>Thread-safe: each shard's slot is written by that shard's event loop and read by the publisher.
 */
public final class LastEvents {
    private final InstantSource clock;
    private final AtomicLongArray lastAt;

    public LastEvents(InstantSource clock, int shardCount) {
        if (shardCount < 1) {
            throw new IllegalArgumentException("shard count must be at least 1, got " + shardCount);
        }
        this.clock = clock;
        this.lastAt = new AtomicLongArray(shardCount);
    }

    /** A dispatch of {@code shard} arrived now (shards outside the count are ignored). */
    public void received(int shard) {
        if (shard >= 0 && shard < lastAt.length()) {
            lastAt.set(shard, clock.millis());
        }
    }

    /** Epoch ms of the last dispatch of {@code shard}, 0 when none. */
    public long lastAt(int shard) {
        return shard >= 0 && shard < lastAt.length() ? lastAt.get(shard) : 0;
    }
}
