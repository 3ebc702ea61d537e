package io.flotilla.cluster.commit;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The rounds a lane has sent and not read the verdicts of yet, oldest first, at most {@link
 * CommitterConfig#roundsInFlight()}. With one round, Redis waits while the lane reads the verdicts, takes the next
 * round and builds its arguments; with a second round sent before the first is read, Redis has the next round
 * queued when it finishes one.
 *
 * <p>A later round may hold later batches of a shard whose batch in an earlier round fails. Those come back
 * {@code BEHIND}, which is not a loss: {@link VerdictRound} keeps the shard blocked until the lane has read every
 * round in flight, and the lane sends no new round while batches wait for a retry.
 *
 * <p>Lane thread only.
 */
final class InFlightRounds {
    private final int depth;
    private final ArrayDeque<List<BatchTransaction.Sent>> rounds;

    InFlightRounds(int depth) {
        this.depth = depth;
        this.rounds = new ArrayDeque<>(depth);
    }

    void add(List<BatchTransaction.Sent> round) {
        if (rounds.size() >= depth) {
            throw new IllegalStateException("a lane sends at most " + depth + " rounds before reading one");
        }
        rounds.add(round);
    }

    boolean full() {
        return rounds.size() >= depth;
    }

    boolean isEmpty() {
        return rounds.isEmpty();
    }

    /** The oldest round, still counted as in flight until {@link #readOldest} (a failure while reading retries it). */
    List<BatchTransaction.Sent> oldest() {
        return rounds.getFirst();
    }

    void readOldest() {
        rounds.removeFirst();
    }

    /**
     * After a broken connection or a timeout: every batch not resolved goes to {@code retry}, after those already
     * there (they come from rounds read earlier, so they are older), in the order they were sent, then those of
     * {@code sending} (the round that was being sent, if any). Then nothing is in flight.
     */
    void abandonTo(ArrayDeque<Batch> retry, List<Batch> sending) {
        Set<Batch> queued = Collections.newSetFromMap(new IdentityHashMap<>());
        queued.addAll(retry);
        for (List<BatchTransaction.Sent> round : rounds) {
            for (BatchTransaction.Sent sent : round) {
                keep(sent.batch(), queued, retry);
            }
        }
        for (Batch batch : sending) {
            keep(batch, queued, retry);
        }
        rounds.clear();
    }

    private static void keep(Batch batch, Set<Batch> queued, ArrayDeque<Batch> retry) {
        if (!batch.isDone() && queued.add(batch)) {
            retry.add(batch);
        }
    }
}
