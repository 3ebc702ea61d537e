package io.flotilla.cluster.commit;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One commit of one shard, taken by its lane: a run of dispatches of ONE session (never two: a new session's
 * batch waits until the batches before it are resolved), or the end of a session. Carries what the commit script
 * checks: the session's generation (fence epoch and ordinal), whether the batch starts the session (its READY),
 * and the batcher's era (a batch of an older era was dropped by a rewind and is not committed any more).
 *
 * <p>Created by the shard's {@link ShardBatcher}; owned by the lane thread afterwards.
 */
final class Batch {
    final ShardBatcher shard;
    final List<Dispatch> dispatches;
    /** How many dispatches the shard had added when this batch's last one was added; for flush waiters. */
    final long endCount;

    final String session;
    final boolean starts;
    final long epoch;
    final long generation;
    final long era;
    final long bytes;
    final @Nullable SessionEndMark end;

    boolean done;

    private Batch(
            ShardBatcher shard,
            List<Dispatch> dispatches,
            long endCount,
            String session,
            boolean starts,
            long epoch,
            long generation,
            long era,
            @Nullable SessionEndMark end) {
        this.shard = shard;
        this.dispatches = dispatches;
        this.endCount = endCount;
        this.session = session;
        this.starts = starts;
        this.epoch = epoch;
        this.generation = generation;
        this.era = era;
        this.end = end;
        long sum = 0;
        for (Dispatch dispatch : dispatches) {
            sum += dispatch.data().length;
        }
        this.bytes = sum;
    }

    static Batch events(
            ShardBatcher shard,
            List<Dispatch> dispatches,
            long endCount,
            boolean starts,
            long epoch,
            long generation,
            long era) {
        String session = dispatches.get(0).session();
        return new Batch(shard, dispatches, endCount, session, starts, epoch, generation, era, null);
    }

    static Batch end(ShardBatcher shard, SessionEndMark end, long endCount, long era) {
        return new Batch(shard, List.of(), endCount, end.sessionId(), false, 0, 0, era, end);
    }

    boolean isEnd() {
        return end != null;
    }

    Dispatch first() {
        return dispatches.get(0);
    }

    Dispatch last() {
        return dispatches.get(dispatches.size() - 1);
    }

    boolean isDone() {
        return done;
    }

    @Override
    public String toString() {
        return isEnd()
                ? "end of session " + session + " of shard " + shard.shard()
                : "batch of shard " + shard.shard() + " seq " + first().seq() + ".." + last().seq();
    }
}
