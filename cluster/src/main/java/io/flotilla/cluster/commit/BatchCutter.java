package io.flotilla.cluster.commit;

import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How a shard's pending dispatches and session ends are cut into batches, in order: a batch holds at most
 * {@code maxBatch} dispatches of ONE session; a new session's first batch and a session's end wait until no batch
 * before them is in flight, so the commit script sees a shard's sessions one after the other. A batch that starts
 * with the session's READY gets the next generation (monotonic, seeded from the clock).
 *
 * <p>Not thread-safe: its {@link ShardBatcher} calls it under its lock.
 */
final class BatchCutter {
    private record EndAt(long position, SessionEndMark end) {}

    private final int maxBatch;
    private final InstantSource clock;
    private List<Dispatch> open = new ArrayList<>();
    private final ArrayDeque<EndAt> ends = new ArrayDeque<>();
    private long added;
    private long taken;
    private int inFlight;
    private String lastSession = "";
    private long generation;

    BatchCutter(int maxBatch, InstantSource clock) {
        this.maxBatch = maxBatch;
        this.clock = clock;
        this.generation = clock.millis();
    }

    void add(Dispatch dispatch) {
        open.add(dispatch);
        added++;
    }

    /** The session ends after every dispatch added so far. */
    void end(SessionEndMark end) {
        ends.add(new EndAt(added, end));
    }

    long added() {
        return added;
    }

    boolean hasWork() {
        return !open.isEmpty() || !ends.isEmpty();
    }

    /** A taken batch was resolved (or dropped with the others by {@link #dropAll}). */
    void resolvedOne() {
        inFlight--;
    }

    /** The next batch, or null when none may go yet. */
    @Nullable
    Batch next(ShardBatcher shard, long epoch, long era) {
        EndAt end = ends.peek();
        if (end != null && end.position() <= taken) {
            if (inFlight > 0) {
                return null;
            }
            ends.poll();
            inFlight++;
            return Batch.end(shard, end.end(), taken, era);
        }
        if (open.isEmpty()) {
            return null;
        }
        Dispatch head = open.get(0);
        boolean newSession = !head.session().equals(lastSession);
        if (newSession && inFlight > 0) {
            return null;
        }
        long limit = Math.min(maxBatch, end == null ? Long.MAX_VALUE : end.position() - taken);
        int n = 0;
        while (n < open.size() && n < limit && open.get(n).session().equals(head.session())) {
            n++;
        }
        List<Dispatch> run;
        if (n == open.size()) {
            run = open;
            open = new ArrayList<>(Math.min(maxBatch, 2 * n));
        } else {
            run = new ArrayList<>(open.subList(0, n));
            open.subList(0, n).clear();
        }
        boolean starts = newSession && head.type().equals("READY");
        if (starts) {
            generation = Math.max(clock.millis(), generation + 1);
        }
        lastSession = head.session();
        taken += n;
        inFlight++;
        return Batch.events(shard, run, taken, starts, epoch, generation, era);
    }

    /** Drops every pending dispatch and forgets the batches in flight; due session ends stay. */
    void dropAll() {
        taken += open.size();
        open = new ArrayList<>();
        inFlight = 0;
        lastSession = "";
    }
}
