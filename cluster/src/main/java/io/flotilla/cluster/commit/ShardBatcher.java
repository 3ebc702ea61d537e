package io.flotilla.cluster.commit;

import io.flotilla.cluster.cache.WrittenDocuments;
import io.flotilla.cluster.lease.ShardFence;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * One shard's entry into the committer. The shard {@link #add}s its dispatches and {@link #end}s sessions; its lane
 * {@link #take}s what gathered each time it is ready (group commit), cut by {@link BatchCutter}: in order, one
 * session per batch, a new session or a session's end only once every batch before it is resolved. {@link #flush} waits until
 * everything added so far is resolved. When Redis answers that it lost writes, the batcher drops what it holds
 * (Discord replays it after the shard RESUMEs from the stored seq) and ignores the old connection's dispatches
 * until the replay begins ({@link Rewind}). When another owner holds the shard, it is fenced: it drops everything.
 *
 * <p>Thread-safe: the shard's thread adds, the lane takes and resolves; a short lock guards the state.
 */
public final class ShardBatcher {
    /** After lost writes: ignore the old connection's dispatches until the replay of {@code session} begins. */
    private record Rewind(String session, long seq, boolean newSessionOnly) {
        boolean drops(Dispatch dispatch) {
            if (!dispatch.session().equals(session)) {
                return false;
            }
            return newSessionOnly || dispatch.seq() > seq + 1;
        }
    }

    // settings
    private final int shard;
    private final int shardTotal;
    final ShardFence fence;
    final byte[] shardBytes;
    final byte[] shardTotalBytes;
    /** What this term's lane remembers of the cache documents it wrote; lane thread only. */
    final WrittenDocuments written = new WrittenDocuments();
    // collaborators
    private final CommitLane lane;
    private final ShardPressure pressure;
    private final CommitFeedback feedback;
    private final DispatchBudget budget;
    // guarded by lock
    private final ReentrantLock lock = new ReentrantLock();
    private final BatchCutter cutter;
    private final FlushWaiters waiters = new FlushWaiters();
    private long resolved;
    private long era;
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
        this.cutter = new BatchCutter(config.maxBatch(), clock);
        this.fence = fence;
        this.shardBytes = Integer.toString(shard).getBytes(StandardCharsets.US_ASCII);
        this.shardTotalBytes = Integer.toString(shardTotal).getBytes(StandardCharsets.US_ASCII);
        this.lane = lane;
        this.pressure = pressure;
        this.feedback = feedback;
        this.budget = budget;
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
            cutter.add(dispatch);
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
            cutter.end(end);
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
            long added = cutter.added();
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
            batch = fenced ? null : cutter.next(this, fence.epoch(), era);
            scheduled = batch != null && cutter.hasWork();
        } finally {
            lock.unlock();
        }
        if (batch != null && scheduled) {
            lane.schedule(this);
        }
        return batch;
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
            cutter.resolvedOne();
            heldBytes -= batch.bytes;
            CommitVerdict.Outcome outcome = verdict.outcome();
            if (outcome == CommitVerdict.Outcome.APPLIED || outcome == CommitVerdict.Outcome.DUPLICATE) {
                committedSession = batch.session;
                committedSeq = batch.last().seq();
            }
            resolved = Math.max(resolved, batch.endCount);
            ready = waiters.ready(resolved);
            schedule = !scheduled && cutter.hasWork();
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

    /**
     * Lane: Redis holds the batch's session only up to {@code storedSeq}, behind what this batch follows on: drop
     * what is held and ignore the old connection's dispatches until Discord's replay from {@code storedSeq} begins.
     * False when the batch was dropped before (nothing to do).
     */
    boolean rewindTo(Batch batch, long storedSeq) {
        return drop(batch, new Rewind(batch.session, storedSeq, false), storedSeq);
    }

    /** Lane: Redis holds no record of the batch's session: drop it all; the shard identifies anew. */
    boolean forgetSession(Batch batch) {
        return drop(batch, new Rewind(batch.session, -1, true), -1);
    }

    /** Lane: another owner holds the shard: nothing more is committed here. */
    boolean fence(Batch batch) {
        lock.lock();
        try {
            fenced = true;
        } finally {
            lock.unlock();
        }
        return drop(batch, null, committedSeq);
    }

    /** Whom to tell what Redis's answers mean for the shard. */
    CommitFeedback feedback() {
        return feedback;
    }

    /** Drops everything held (the batch's era ends); false when the batch was already of an older era. */
    private boolean drop(Batch batch, @Nullable Rewind next, long seq) {
        List<CompletableFuture<Long>> ready;
        long bytes;
        boolean schedule;
        batch.done = true;
        lock.lock();
        try {
            if (batch.era != era) {
                return false;
            }
            era++;
            written.forgetAll(); // Redis may not hold what was written (it lost writes, or another owner runs it)
            cutter.dropAll();
            resolved = cutter.added();
            rewind = next;
            bytes = heldBytes;
            heldBytes = 0;
            committedSession = batch.session;
            committedSeq = seq;
            ready = waiters.all();
            schedule = cutter.hasWork();
            scheduled = schedule;
        } finally {
            lock.unlock();
        }
        budget.giveBack(bytes);
        waiting.set(0);
        pressure.evaluate(0);
        ready.forEach(waiter -> waiter.complete(seq));
        if (schedule) {
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
