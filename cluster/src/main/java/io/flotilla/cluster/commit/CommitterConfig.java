package io.flotilla.cluster.commit;

import io.flotilla.cluster.redis.RetryPolicy;
import java.time.Duration;

/**
 * Settings of the batch committer.
 *
 * @param owner this node's name, written as the session's {@code owner}
 * @param lanes connections (and threads) shared by all shards; shard {@code s} uses lane {@code s % lanes}
 * @param maxBatch dispatches per batch; a fuller batch is sealed at once
 * @param maxRound batches a lane pipelines before waiting for their verdicts
 * @param roundsInFlight rounds a lane sends before it reads the oldest one's verdicts (1: it reads each round first)
 * @param pauseAbove a shard stops reading when this many of its dispatches wait for their commit
 * @param resumeBelow ...and reads again when fewer than this many wait (and the node is not blocked)
 * @param maxPendingBytes the node-wide bound on uncommitted dispatch bytes: at it, every shard stops reading
 * @param maxStreamLength trim event streams to about this many entries ({@code MAXLEN ~}); 0 = never trim
 * @param filter which event names are queued
 * @param timeout how long a Redis reply may take before the lane reconnects and retries
 * @param retry the pause before a retry, after consecutive failures
 */
public record CommitterConfig(
        String owner,
        int lanes,
        int maxBatch,
        int maxRound,
        int roundsInFlight,
        int pauseAbove,
        int resumeBelow,
        long maxPendingBytes,
        long maxStreamLength,
        EventFilter filter,
        Duration timeout,
        RetryPolicy retry) {

    public CommitterConfig {
        require(lanes >= 1, "lanes must be at least 1, was " + lanes);
        require(maxBatch >= 1, "max batch must be at least 1, was " + maxBatch);
        require(maxRound >= 1, "max round must be at least 1, was " + maxRound);
        require(roundsInFlight >= 1, "rounds in flight must be at least 1, was " + roundsInFlight);
        require(
                resumeBelow >= 1 && resumeBelow <= pauseAbove,
                "resume-below (" + resumeBelow + ") must be between 1 and pause-above (" + pauseAbove + ")");
        require(maxPendingBytes >= 1024, "max pending bytes must be at least 1024, was " + maxPendingBytes);
        require(maxStreamLength >= 0, "max stream length must be 0 (off) or positive, was " + maxStreamLength);
        require(!timeout.isNegative() && !timeout.isZero(), "timeout must be positive, was " + timeout);
    }

    /**
     * Defaults: 4 lanes (a lane pipelines, so a few connections carry a thousand shards), batches of up to 256,
     * 32 batches per round and one round in flight per lane, a shard pauses at 20 000 waiting dispatches and reads
     * again below 5 000, the node stops reading at 32 MiB of uncommitted dispatches (an hour-long Redis outage then
     * costs a bounded heap), no trimming (nothing unread is ever dropped), every event queued, 5 s timeout, retries
     * from 50 ms to 2 s.
     *
     * <p>32 MiB, not more: what keeps Redis busy is the batches in flight (a lane's round of 32 x 256 dispatches);
     * when Redis is the limit, every dispatch waiting beyond that only adds latency and heap, and each one survives
     * a few young collections, which the collector pays for by copying it. At 128 MiB the node spent 15-25 % of its
     * CPU in collections under full load, at 32 MiB 3-8 %, committing as much (BENCHMARKS.md, issue 16).
     *
     * <p>One round in flight: on loopback a second one committed 1.04-1.05x the events/s at 0.74-0.93x the events
     * per node CPU-second with the cache off, in four alternating pairs (BENCHMARKS.md, issue 16). A Redis a network
     * round trip away may want 2 ({@link #withRoundsInFlight}).
     */
    public static CommitterConfig defaults(String owner) {
        return new CommitterConfig(
                owner,
                4,
                256,
                32,
                1,
                20_000,
                5_000,
                32L << 20,
                0,
                EventFilter.all(),
                Duration.ofSeconds(5),
                new RetryPolicy(Duration.ofMillis(50), Duration.ofSeconds(2)));
    }

    /** The node reads again when the pending bytes fell below half the bound. */
    long resumeBelowBytes() {
        return maxPendingBytes / 2;
    }

    /**
     * The lanes a node runs on this many processors: one per processor, at least 2 (so one lane's cache work
     * overlaps another's wait for Redis) and at most 4. More lanes than processors only add threads contending for
     * them: on 2 cores, 2 lanes spent 1.14x less CPU per event than 4 with the cache on (BENCHMARKS.md, issue 16).
     */
    public static int lanesFor(int processors) {
        return Math.clamp(processors, 2, 4);
    }

    public CommitterConfig withLanes(int count) {
        return new CommitterConfig(
                owner,
                count,
                maxBatch,
                maxRound,
                roundsInFlight,
                pauseAbove,
                resumeBelow,
                maxPendingBytes,
                maxStreamLength,
                filter,
                timeout,
                retry);
    }

    public CommitterConfig withFilter(EventFilter newFilter) {
        return new CommitterConfig(
                owner,
                lanes,
                maxBatch,
                maxRound,
                roundsInFlight,
                pauseAbove,
                resumeBelow,
                maxPendingBytes,
                maxStreamLength,
                newFilter,
                timeout,
                retry);
    }

    public CommitterConfig withMaxStreamLength(long length) {
        return new CommitterConfig(
                owner,
                lanes,
                maxBatch,
                maxRound,
                roundsInFlight,
                pauseAbove,
                resumeBelow,
                maxPendingBytes,
                length,
                filter,
                timeout,
                retry);
    }

    public CommitterConfig withPressure(int pause, int resume) {
        return new CommitterConfig(
                owner,
                lanes,
                maxBatch,
                maxRound,
                roundsInFlight,
                pause,
                resume,
                maxPendingBytes,
                maxStreamLength,
                filter,
                timeout,
                retry);
    }

    public CommitterConfig withMaxPendingBytes(long bytes) {
        return new CommitterConfig(
                owner,
                lanes,
                maxBatch,
                maxRound,
                roundsInFlight,
                pauseAbove,
                resumeBelow,
                bytes,
                maxStreamLength,
                filter,
                timeout,
                retry);
    }

    public CommitterConfig withTimeout(Duration newTimeout) {
        return new CommitterConfig(
                owner,
                lanes,
                maxBatch,
                maxRound,
                roundsInFlight,
                pauseAbove,
                resumeBelow,
                maxPendingBytes,
                maxStreamLength,
                filter,
                newTimeout,
                retry);
    }

    public CommitterConfig withMaxBatch(int size) {
        return new CommitterConfig(
                owner,
                lanes,
                size,
                maxRound,
                roundsInFlight,
                pauseAbove,
                resumeBelow,
                maxPendingBytes,
                maxStreamLength,
                filter,
                timeout,
                retry);
    }

    public CommitterConfig withRoundsInFlight(int rounds) {
        return new CommitterConfig(
                owner,
                lanes,
                maxBatch,
                maxRound,
                rounds,
                pauseAbove,
                resumeBelow,
                maxPendingBytes,
                maxStreamLength,
                filter,
                timeout,
                retry);
    }

    public CommitterConfig withMaxRound(int batches) {
        return new CommitterConfig(
                owner,
                lanes,
                maxBatch,
                batches,
                roundsInFlight,
                pauseAbove,
                resumeBelow,
                maxPendingBytes,
                maxStreamLength,
                filter,
                timeout,
                retry);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("committer config: " + message);
        }
    }
}
