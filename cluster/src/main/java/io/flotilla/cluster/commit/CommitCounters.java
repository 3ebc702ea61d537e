package io.flotilla.cluster.commit;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the committer's lanes saw, counted for metrics and tests: verdicts that mean trouble, error replies. Thread
 * safe (adders).
 */
public final class CommitCounters {
    final LongAdder applied = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder lostWrites = new LongAdder();
    final LongAdder sessionsLost = new LongAdder();
    final LongAdder fenced = new LongAdder();
    final LongAdder errorReplies = new LongAdder();
    final LongAdder sessionEnds = new LongAdder();
    final LongAdder gaps = new LongAdder();
    final LongAdder failedRounds = new LongAdder();

    /** Batches written. */
    public long applied() {
        return applied.sum();
    }

    /** Batches Redis already had (a retry after a lost reply, a late duplicate call). */
    public long duplicates() {
        return duplicates.sum();
    }

    /** Times Redis held a session behind what had been acknowledged (it lost writes; the shard resumed). */
    public long lostWrites() {
        return lostWrites.sum();
    }

    /** Times Redis held no record of a live session (the shard identified anew). */
    public long sessionsLost() {
        return sessionsLost.sum();
    }

    /** Batches refused because another owner held the shard. */
    public long fenced() {
        return fenced.sum();
    }

    /** Error replies (OOM, NOREPLICAS, a key of the wrong type...): retried, never counted as committed. */
    public long errorReplies() {
        return errorReplies.sum();
    }

    /** Gap records written: sessions that ended losing events (the only loss there may be; each is in g:gaps). */
    public long gaps() {
        return gaps.sum();
    }

    /** Rounds a lane could not finish (a timeout, a broken or refused connection): retried on a new connection. */
    public long failedRounds() {
        return failedRounds.sum();
    }

    /** Session ends written. */
    public long sessionEnds() {
        return sessionEnds.sum();
    }
}
