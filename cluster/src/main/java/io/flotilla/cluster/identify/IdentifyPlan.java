package io.flotilla.cluster.identify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * A cold start worked out in advance (GATEWAY.md section 8): shard {@code s} is in bucket {@code s % M}; a bucket
 * starts its shards in id order, one per window, so round {@code r} holds the {@code r}-th shard of every bucket, and
 * the start takes {@code ceil(N/M)} rounds (for shards {@code 0..N-1}). {@link #check} says whether the day's
 * session-start budget covers it. Pure; an immutable value.
 *
 * @param maxConcurrency the number of buckets
 * @param window one round
 * @param rounds the shards of each round, ascending
 */
public record IdentifyPlan(int maxConcurrency, Duration window, List<List<Integer>> rounds) {
    public IdentifyPlan {
        rounds = rounds.stream().map(List::copyOf).toList();
    }

    /** The plan for starting shards {@code 0 .. shardCount-1}. */
    public static IdentifyPlan coldStart(int shardCount, int maxConcurrency, Duration window) {
        List<Integer> all = new ArrayList<>();
        for (int shard = 0; shard < shardCount; shard++) {
            all.add(shard);
        }
        return of(all, maxConcurrency, window);
    }

    /** The plan for the given shards (for example those without a resumable session). */
    public static IdentifyPlan of(Collection<Integer> shards, int maxConcurrency, Duration window) {
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("max_concurrency must be at least 1, got " + maxConcurrency);
        }
        int[] perBucket = new int[maxConcurrency];
        List<List<Integer>> rounds = new ArrayList<>();
        for (int shard : new TreeSet<>(shards)) {
            int round = perBucket[shard % maxConcurrency]++;
            while (rounds.size() <= round) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(shard);
        }
        return new IdentifyPlan(maxConcurrency, window, rounds);
    }

    /** The session starts the plan spends: one per shard. */
    public int starts() {
        return rounds.stream().mapToInt(List::size).sum();
    }

    /** The ideal duration: rounds × window. */
    public Duration duration() {
        return window.multipliedBy(rounds.size());
    }

    /**
     * Whether the budget covers the plan: it may spend {@code remaining - reserve}, or all of {@code remaining} with
     * the explicit operator override. A refusal's message says how many starts the plan needs and how many remain.
     */
    public Check check(SessionBudget budget, int reserve, boolean spendReserve, Instant now) {
        int needed = starts();
        int spendable = Math.max(0, spendReserve ? budget.remaining() : budget.remaining() - reserve);
        if (needed <= spendable) {
            return new Check(true, needed, spendable, "");
        }
        String resets = "the budget resets in " + budget.resetsIn(now).toMinutes() + " min";
        String message = "refusing to start " + needed + " shards: they need " + needed + " session starts and "
                + budget.remaining() + " of " + budget.total() + " remain (" + resets + ")";
        if (spendReserve || needed > budget.remaining()) {
            message += "; wait for the reset or start fewer shards";
        } else {
            message += ", of which " + reserve + " are a reserve that is only spent with the explicit operator "
                    + "override; wait for the reset, start fewer shards, or turn the override on";
        }
        return new Check(false, needed, spendable, message);
    }

    /**
     * The answer of {@link #check}.
     *
     * @param fits true if the plan may run
     * @param needed session starts it needs
     * @param spendable session starts it may spend
     * @param message why it was refused (empty when it fits)
     */
    public record Check(boolean fits, int needed, int spendable, String message) {}
}
