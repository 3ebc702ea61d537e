package io.flotilla.fake;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;

/**
 * The bot-wide identify limits (GATEWAY.md 6 and 8): one identify per bucket {@code shard_id % max_concurrency}
 * per identify window, and the session start budget that {@code /gateway/bot} reports. Shared by every
 * connection of a fake; thread-safe by locking on itself (identifies are rare).
 */
final class IdentifyGate {

    /** What the gate decided for one identify. */
    enum Decision {
        /** The identify may start a session; one unit of the budget is spent. */
        ALLOWED,
        /** Another identify of the same bucket is inside the window: op 9 false, no budget spent. */
        BUCKET_BUSY,
        /** The budget is spent until the reset: close 4004 (the fake's stand-in for the token reset). */
        BUDGET_EXHAUSTED
    }

    /** The budget as {@code session_start_limit} shows it. */
    record Budget(int total, int remaining, long resetAfterMillis, int maxConcurrency) {}

    // settings
    private final InstantSource clock;
    private final int maxConcurrency;
    private final Duration window;
    private final int total;
    private final Duration resetEvery;

    // mutable state, guarded by this
    private final Map<Integer, Instant> lastIdentifyByBucket = new HashMap<>();
    private int remaining;
    private Instant resetAt;
    private boolean terminatedAllSessions;

    IdentifyGate(InstantSource clock, int maxConcurrency, Duration window, int total, Duration resetEvery) {
        this.clock = clock;
        this.maxConcurrency = maxConcurrency;
        this.window = window;
        this.total = total;
        this.resetEvery = resetEvery;
        this.remaining = total;
        this.resetAt = clock.instant().plus(resetEvery);
    }

    synchronized Decision tryIdentify(int shardId) {
        Instant now = clock.instant();
        refill(now);
        int bucket = Math.floorMod(shardId, maxConcurrency);
        Instant last = lastIdentifyByBucket.get(bucket);
        if (last != null && now.isBefore(last.plus(window))) {
            return Decision.BUCKET_BUSY;
        }
        if (remaining == 0) {
            return Decision.BUDGET_EXHAUSTED;
        }
        lastIdentifyByBucket.put(bucket, now);
        remaining--;
        return Decision.ALLOWED;
    }

    /**
     * Whether this is the first exhausted identify since the budget ran out, the moment real Discord
     * terminates every session of the bot; later ones only get 4004.
     */
    synchronized boolean firstExhaustion() {
        if (terminatedAllSessions) {
            return false;
        }
        terminatedAllSessions = true;
        return true;
    }

    synchronized Budget budget() {
        Instant now = clock.instant();
        refill(now);
        return new Budget(
                total, remaining, Math.max(0, Duration.between(now, resetAt).toMillis()), maxConcurrency);
    }

    private void refill(Instant now) {
        if (!now.isBefore(resetAt)) {
            remaining = total;
            terminatedAllSessions = false;
            resetAt = now.plus(resetEvery);
        }
    }
}
