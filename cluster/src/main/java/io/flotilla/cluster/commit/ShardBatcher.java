package io.flotilla.cluster.commit;

import io.flotilla.cluster.lease.ShardFence;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shard's entry into the committer. The shard {@link #add}s its dispatches and {@link #end}s sessions; its lane
 * {@link #take}s what gathered each time it is ready (group commit), at most {@code maxBatch} at a time, in order:
 * a batch never mixes two sessions, and a new session's first batch (or a session's end) waits until every batch
 * before it is resolved, so the commit script always sees a shard's sessions in order. {@link #flush} waits until
 * everything added so far is resolved. When Redis answers that it lost writes, the batcher drops what it holds
 * (Discord replays it after the shard RESUMEs from the stored seq) and ignores the old connection's dispatches
 * until the replay begins ({@link Rewind}). When another owner holds the shard, it is fenced: it drops everything.
 *
 * <p>Thread-safe: the shard's thread adds, the lane takes and resolves; a short lock guards the state.
 */
public final class ShardBatcher {
    private static final Logger LOG = LoggerFactory.getLogger(ShardBatcher.class);

    /** After lost writes: ignore the old connection's dispatches until the replay of {@code session} begins. */
    private record Rewind(String session, long seq, boolean newSessionOnly) {
        boolean drops(Dispatch dispatch) {
            if (!dispatch.session().equals(session)) {
                return false;
            }
            return newSessionOnly || dispatch.seq() > seq + 1;
        }
    }

    private record EndAt(long position, SessionEndMark end) {}

    // settings
    private final int shard;
    private final int shardTotal;
    private final int maxBatch;
    final ShardFence fence;
    final byte[] shardBytes;
    final byte[] shardTotalBytes;
    private final InstantSource clock;
    // collaborators
    private final CommitLane lane;
    private final ShardPressure pressure;
    private final CommitFeedback feedback;
    private final DispatchBudget budget;
    // guarded by lock
    private final ReentrantLock lock = new ReentrantLock();
    private List<Dispatch> open = new ArrayList<>();
    private final ArrayDeque<EndAt> ends = new ArrayDeque<>();
    private final FlushWaiters waiters = new FlushWaiters();
    private long added;
    private long taken;
    private long resolved;
    private int inFlight;
    private long era;
    private String lastSession = "";
    private long generation;
    private @Nullable Rewind rewind;
    private boolean fenced;
    private boolean scheduled;
    private long heldBytes;
    // shared
    private final AtomicLong waiting = new AtomicLong();
    private volatile String committedSession = "";
    private volatile long committedSeq = -1;

    ShardBatcher(
            int shard,
            int shardTotal,
            CommitterConfig config,
            ShardFence fence,
            CommitLane lane,
            ShardPressure pressure,
            CommitFeedback feedback,
            DispatchBudget budget,
            InstantSource clock) {
        this.shard = shard;
        this.shardTotal = shardTotal;
        this.maxBatch = config.maxBatch();
        this.fence = fence;
        this.shardBytes = Integer.toString(shard).getBytes(StandardCharsets.US_ASCII);
        this.shardTotalBytes = Integer.toString(shardTotal).getBytes(StandardCharsets.US_ASCII);
        this.clock = clock;
        this.lane = lane;
        this.pressure = pressure;
        this.feedback = feedback;
        this.budget = budget;
        this.generation = clock.millis();
    }

    public int shard() {
        return shard;
    }

    public int shardTotal() {
        return shardTotal;
    }

    /** Adds a dispatch; the lane commits it with a later batch. Never blocks beyond a short lock. */
    public void add(Dispatch dispatch) {
        boolean schedule;
        lock.lock();
        try {
            Rewind pending = rewind;
            if (fenced || (pending != null && pending.drops(dispatch))) {
                return; // Discord sends it again after the RESUME (or another owner commits it)
            }
            rewind = null;
            open.add(dispatch);
            added++;
            heldBytes += dispatch.data().length;
            schedule = !scheduled;
            scheduled = true;
        } finally {
            lock.unlock();
        }
        budget.take(dispatch.data().length);
        if (schedule) {
            lane.schedule(this);
        }
        long now = waiting.incrementAndGet();
        if (pressure.worthEvaluating(now)) {
            pressure.evaluate(now);
        }
    }

    /**
     * Ends a session after every dispatch added so far (see {@link SessionEndScript}); later dispatches of that
     * session (decoded from the same socket read) are dropped.
     */
    public void end(SessionEndMark end) {
        boolean schedule;
        lock.lock();
        try {
            ends.add(new EndAt(added, end));
            rewind = new Rewind(end.sessionId(), -1, true);
            schedule = !scheduled;
            scheduled = true;
        } finally {
            lock.unlock();
        }
        if (schedule) {
            lane.schedule(this);
        }
    }

    /**
     * Completes with the committed seq once every dispatch added before this call is resolved (at once when none
     * waits). A caller that cannot wait long applies its own timeout and reads {@link #committedSeq}.
     */
    public CompletableFuture<Long> flush() {
        lock.lock();
        try {
            return resolved >= added ? CompletableFuture.completedFuture(committedSeq) : waiters.await(added);
        } finally {
            lock.unlock();
        }
    }

    /** The seq of the last committed dispatch of {@link #committedSession}, -1 before the first commit. */
    public long committedSeq() {
        return committedSeq;
    }

    /** The session of {@link #committedSeq}, "" before the first commit. */
    public String committedSession() {
        return committedSession;
    }

    /** Dispatches added but not resolved yet. */
    public long waiting() {
        return waiting.get();
    }

    /** Whether the shard is told to stop reading. */
    public boolean paused() {
        return pressure.paused();
    }

    /** Whether another owner holds the shard: nothing more is committed. */
    public boolean fenced() {
        lock.lock();
        try {
            return fenced;
        } finally {
            lock.unlock();
        }
    }

    /** Lane: the next batch (a run of one session's dispatches, or a due session end), or null when none is ready. */
    @Nullable
    Batch take() {
        Batch batch;
        lock.lock();
        try {
            batch = fenced ? null : next();
            scheduled = batch != null && (!open.isEmpty() || !ends.isEmpty());
        } finally {
            lock.unlock();
        }
        if (batch != null && scheduled) {
            lane.schedule(this);
        }
        return batch;
    }

    private @Nullable Batch next() {
        EndAt end = ends.peek();
        if (end != null && end.position() <= taken) {
            if (inFlight > 0) {
                return null;
            }
            ends.poll();
            inFlight++;
            return Batch.end(this, end.end(), taken, era);
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
        return Batch.events(this, run, taken, starts, fence.epoch(), generation, era);
    }

    /** Lane: false when the batch was dropped since it was taken (a rewind or a fence): skip it. */
    boolean current(Batch batch) {
        lock.lock();
        try {
            return batch.era == era && !fenced;
        } finally {
            lock.unlock();
        }
    }

    /** Lane: Redis has the batch (committed now or before), or the end is written. */
    void resolved(Batch batch, CommitVerdict verdict) {
        batch.done = true;
        List<CompletableFuture<Long>> ready;
        boolean schedule;
        lock.lock();
        try {
            if (batch.era != era) {
                return;
            }
            inFlight--;
            heldBytes -= batch.bytes;
            CommitVerdict.Outcome outcome = verdict.outcome();
            if (outcome == CommitVerdict.Outcome.APPLIED || outcome == CommitVerdict.Outcome.DUPLICATE) {
                committedSession = batch.session;
                committedSeq = batch.last().seq();
            }
            resolved = Math.max(resolved, batch.endCount);
            ready = waiters.ready(resolved);
            schedule = inFlight == 0 && !scheduled && (!open.isEmpty() || !ends.isEmpty());
            scheduled |= schedule;
        } finally {
            lock.unlock();
        }
        budget.giveBack(batch.bytes);
        long now = waiting.addAndGet(-batch.dispatches.size());
        pressure.evaluate(now);
        long seq = committedSeq;
        ready.forEach(waiter -> waiter.complete(seq));
        if (schedule) {
            lane.schedule(this);
        }
    }

    /** Lane: Redis holds {@code verdict}'s session only up to its seq, behind what this batch follows on. */
    void lostWrites(Batch batch, CommitVerdict verdict) {
        if (drop(batch, new Rewind(verdict.storedSession(), verdict.storedSeq(), false), verdict.storedSeq())) {
            LOG.warn(
                    "shard {}: Redis lost writes: it holds session {} only up to seq {}, the shard had committed up to"
                            + " {}; resuming from {} so Discord sends the rest again",
                    shard,
                    verdict.storedSession(),
                    verdict.storedSeq(),
                    batch.first().seq() - 1,
                    verdict.storedSeq());
            feedback.continueFrom(verdict.storedSession(), verdict.storedSeq());
        }
    }

    /** Lane: Redis holds no record of the batch's session: it must be identified anew. */
    void sessionLost(Batch batch) {
        if (drop(batch, new Rewind(batch.session, -1, true), -1)) {
            LOG.warn("shard {}: Redis lost session {} (no record of it); identifying anew", shard, batch.session);
            feedback.sessionLost(batch.session);
        }
    }

    /** Lane: another owner holds the shard. */
    void fenced(Batch batch, CommitVerdict verdict) {
        String why = verdict.outcome() == CommitVerdict.Outcome.FENCED
                ? "shard " + shard + ": its lease is held by another owner (" + fence + " no longer in Redis)"
                : "shard " + shard + ": Redis holds a newer session (" + verdict.storedSession() + ")";
        lock.lock();
        try {
            fenced = true;
        } finally {
            lock.unlock();
        }
        if (drop(batch, null, committedSeq)) {
            LOG.warn("{}; nothing more is committed for it here", why);
            feedback.fenced(why);
        }
    }

    /** Drops everything held (the batch's era ends); false when the batch was already of an older era. */
    private boolean drop(Batch batch, @Nullable Rewind next, long seq) {
        List<CompletableFuture<Long>> ready;
        long bytes;
        batch.done = true;
        lock.lock();
        try {
            if (batch.era != era) {
                return false;
            }
            era++;
            taken += open.size();
            open = new ArrayList<>();
            inFlight = 0;
            resolved = added;
            rewind = next;
            lastSession = "";
            bytes = heldBytes;
            heldBytes = 0;
            committedSession = batch.session;
            committedSeq = seq;
            ready = waiters.all();
            scheduled = !ends.isEmpty();
        } finally {
            lock.unlock();
        }
        budget.giveBack(bytes);
        waiting.set(0);
        pressure.evaluate(0);
        ready.forEach(waiter -> waiter.complete(seq));
        if (!ends.isEmpty()) {
            lane.schedule(this);
        }
        return true;
    }

    /** Lane, when closing: what was not committed never will be by this committer. */
    void abandoned(RuntimeException reason) {
        List<CompletableFuture<Long>> failed;
        lock.lock();
        try {
            failed = waiters.all();
        } finally {
            lock.unlock();
        }
        failed.forEach(waiter -> waiter.completeExceptionally(reason));
    }

    /** Re-decides pause/resume (the node's state changed). */
    void evaluatePressure() {
        pressure.evaluate(waiting.get());
    }

    @Override
    public String toString() {
        return "ShardBatcher[shard=" + shard + "/" + shardTotal + ", waiting=" + waiting.get() + "]";
    }
}
