package io.flotilla.gateway.local;

import io.flotilla.gateway.IdentifyGate;
import io.flotilla.protocol.ShardId;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An {@link IdentifyGate} for one process: one identify per bucket per window (plus a 5 % guard), on an injected clock, completing the
 * futures from the given scheduler (for example the shards' event loop group). Thread-safe. It cannot pace several
 * nodes; a cluster needs a shared gate.
 */
public final class LocalIdentifyGate implements IdentifyGate {
    /** Discord's identify window (GATEWAY.md section 8). */
    public static final Duration DISCORD_WINDOW = Duration.ofSeconds(5);

    private final IdentifySchedule schedule;
    private final InstantSource clock;
    private final ScheduledExecutorService scheduler;

    public LocalIdentifyGate(
            int maxConcurrency, Duration window, InstantSource clock, ScheduledExecutorService scheduler) {
        // 5 % guard: the gate times grants, Discord times arrivals, and a grant that fires a few ms late followed by
        // one on time would otherwise land inside the window and get op 9.
        this.schedule = new IdentifySchedule(maxConcurrency, window.plus(window.dividedBy(20)));
        this.clock = clock;
        this.scheduler = scheduler;
    }

    @Override
    @SuppressWarnings("FutureReturnValueIgnored") // the timer completes the slot; nothing to wait on
    public CompletableFuture<Void> acquire(ShardId shard) {
        Duration wait = schedule.reserve(shard, clock.instant());
        CompletableFuture<Void> slot = new CompletableFuture<>();
        if (wait.isZero()) {
            slot.complete(null);
        } else {
            scheduler.schedule(() -> slot.complete(null), wait.toNanos(), TimeUnit.NANOSECONDS);
        }
        return slot;
    }
}
