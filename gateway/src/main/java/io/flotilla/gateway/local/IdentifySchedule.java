package io.flotilla.gateway.local;

import io.flotilla.protocol.ShardId;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The pure rule behind {@link LocalIdentifyGate} (GATEWAY.md section 8): one identify per bucket ({@link
 * ShardId#bucket}, the one home of {@code shard_id % max_concurrency}) per window (5 s). {@link #reserve} books the next free slot of a bucket and
 * says how long to wait for it. Thread-safe (synchronized; called rarely).
 */
final class IdentifySchedule {
    private final int maxConcurrency;
    private final Duration window;
    private final Map<Integer, Instant> nextFree = new HashMap<>();

    IdentifySchedule(int maxConcurrency, Duration window) {
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("max_concurrency must be at least 1, got " + maxConcurrency);
        }
        this.maxConcurrency = maxConcurrency;
        this.window = window;
    }

    /** Books the bucket's next slot at or after {@code now}; returns the wait until it. */
    synchronized Duration reserve(ShardId shard, Instant now) {
        int bucket = shard.bucket(maxConcurrency);
        Instant free = nextFree.getOrDefault(bucket, now);
        Instant slot = free.isAfter(now) ? free : now;
        nextFree.put(bucket, slot.plus(window));
        return Duration.between(now, slot);
    }
}
