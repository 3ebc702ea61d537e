package io.flotilla.worker;

import java.time.Duration;

/**
 * How a {@link Worker} reads and retries. A value.
 *
 * @param batch entries read per stream per round
 * @param block how long a read waits for new entries (and how quickly {@link Worker#close} takes effect)
 * @param reclaimAfter an entry unacknowledged this long is taken over (a dead consumer's, or a failed one's
 *     retry); longer than the slowest handler, or a slow one is handled twice
 * @param maxDeliveries after this many deliveries a failing entry goes to the dead-letter stream
 * @param dedupeWindow how many recent event identities the consumer remembers ({@link EventConsumer})
 * @param groupDedup group-wide de-duplication ({@link GroupDedup#DEFAULT}, or {@link GroupDedup#OFF})
 */
public record WorkerSettings(
        int batch, Duration block, Duration reclaimAfter, int maxDeliveries, int dedupeWindow, GroupDedup groupDedup) {

    /** 100 per read, 1 s block, reclaim after 60 s, 5 deliveries, a window of 10,000 events, dedup on. */
    public static final WorkerSettings DEFAULTS =
            new WorkerSettings(100, Duration.ofSeconds(1), Duration.ofSeconds(60), 5, 10_000, GroupDedup.DEFAULT);

    public WorkerSettings {
        require(batch >= 1, "batch must be at least 1, was " + batch);
        require(!block.isNegative() && block.toMillis() >= 1, "block must be at least 1 ms, was " + block);
        require(!reclaimAfter.isNegative(), "reclaimAfter must not be negative, was " + reclaimAfter);
        require(maxDeliveries >= 1, "maxDeliveries must be at least 1, was " + maxDeliveries);
        require(dedupeWindow >= 1, "dedupeWindow must be at least 1, was " + dedupeWindow);
    }

    private static void require(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalArgumentException("worker settings: " + problem);
        }
    }
}
