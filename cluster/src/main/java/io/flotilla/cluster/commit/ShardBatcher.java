package io.flotilla.cluster.commit;

import io.flotilla.cluster.ClusterException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * One shard's entry into the committer. The shard {@link #add}s its dispatches; its lane takes whatever has
 * gathered each time it is ready for more (group commit: the slower Redis answers, the bigger the batches), at
 * most {@code maxBatch} at a time, in order. {@link #flush} waits until everything added so far is committed.
 * When too many dispatches wait, or the lane cannot reach Redis while some wait, {@link Backpressure} tells the
 * shard to stop reading; nothing is ever dropped.
 *
 * <p>Thread-safe: the shard's thread adds, the lane takes; a short lock guards the open list.
 */
public final class ShardBatcher {
    private record Waiter(long count, long seq, CompletableFuture<Long> done) {}

    // settings
    private final int shard;
    private final int shardTotal;
    private final CommitterConfig config;
    final byte[] shardTotalBytes;
    final byte[] shardBytes;
    // collaborators
    private final CommitLane lane;
    private final Backpressure backpressure;
    // guarded by lock: the dispatches not taken yet, and who waits for a flush
    private final ReentrantLock lock = new ReentrantLock();
    private List<Dispatch> open = new ArrayList<>();
    private boolean scheduled;
    private long added;
    private long lastAddedSeq = -1;
    private long committedCount;
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    // shared
    private final AtomicLong waiting = new AtomicLong();
    private volatile long committedSeq = -1;
    private final ReentrantLock pressureLock = new ReentrantLock();
    private boolean paused; // guarded by pressureLock

    ShardBatcher(int shard, int shardTotal, CommitterConfig config, CommitLane lane, Backpressure backpressure) {
        this.shard = shard;
        this.shardTotal = shardTotal;
        this.config = config;
        this.shardBytes = Integer.toString(shard).getBytes(StandardCharsets.US_ASCII);
        this.shardTotalBytes = Integer.toString(shardTotal).getBytes(StandardCharsets.US_ASCII);
        this.lane = lane;
        this.backpressure = backpressure;
    }

    public int shard() {
        return shard;
    }

    public int shardTotal() {
        return shardTotal;
    }

    /** Adds a dispatch; the lane commits it with the next batch it takes. Never blocks beyond a short lock. */
    public void add(Dispatch dispatch) {
        boolean schedule;
        lock.lock();
        try {
            open.add(dispatch);
            added++;
            lastAddedSeq = dispatch.seq();
            schedule = !scheduled;
            scheduled = true;
        } finally {
            lock.unlock();
        }
        if (schedule) {
            lane.schedule(this);
        }
        if (waiting.incrementAndGet() >= config.pauseAbove()) {
            evaluatePressure();
        }
    }

    /**
     * Completes with the seq of the last dispatch added before this call once it and everything before it are
     * committed (at once when nothing waits); fails only when the committer closes first.
     */
    public CompletableFuture<Long> flush() {
        lock.lock();
        try {
            if (committedCount == added) {
                return CompletableFuture.completedFuture(committedSeq);
            }
            Waiter waiter = new Waiter(added, lastAddedSeq, new CompletableFuture<>());
            waiters.add(waiter);
            return waiter.done();
        } finally {
            lock.unlock();
        }
    }

    /** The seq of the last committed dispatch, -1 before the first commit. */
    public long committedSeq() {
        return committedSeq;
    }

    /** Dispatches added but not committed yet. */
    public long waiting() {
        return waiting.get();
    }

    /** Whether the shard is told to stop reading. */
    public boolean paused() {
        pressureLock.lock();
        try {
            return paused;
        } finally {
            pressureLock.unlock();
        }
    }

    /** Lane: takes up to {@code max} waiting dispatches as the next batch, or null when none wait. */
    @Nullable
    Batch take(int max) {
        Batch batch;
        boolean more;
        lock.lock();
        try {
            if (open.isEmpty()) {
                scheduled = false;
                return null;
            }
            List<Dispatch> taken;
            if (open.size() <= max) {
                taken = open;
                open = new ArrayList<>(Math.min(max, 2 * taken.size()));
            } else {
                taken = new ArrayList<>(open.subList(0, max));
                open.subList(0, max).clear();
            }
            batch = new Batch(this, taken, added - open.size());
            more = !open.isEmpty();
            scheduled = more;
        } finally {
            lock.unlock();
        }
        if (more) {
            lane.schedule(this);
        }
        return batch;
    }

    /** Lane: the batch committed. */
    void committed(Batch batch) {
        batch.done = true;
        committedSeq = batch.last().seq();
        waiting.addAndGet(-batch.dispatches.size());
        evaluatePressure();
        List<Waiter> ready = new ArrayList<>();
        lock.lock();
        try {
            committedCount = batch.endCount;
            while (!waiters.isEmpty() && waiters.peek().count() <= committedCount) {
                ready.add(waiters.poll());
            }
        } finally {
            lock.unlock();
        }
        ready.forEach(waiter -> waiter.done().complete(waiter.seq()));
    }

    /** Lane, when closing: what was not committed never will be by this committer. */
    void abandoned(ClusterException reason) {
        List<Waiter> failed;
        lock.lock();
        try {
            failed = new ArrayList<>(waiters);
            waiters.clear();
        } finally {
            lock.unlock();
        }
        failed.forEach(waiter -> waiter.done().completeExceptionally(reason));
    }

    /** Re-decides pause/resume from the waiting count and the lane's health; signals only on a change. */
    void evaluatePressure() {
        pressureLock.lock();
        try {
            long count = waiting.get();
            boolean redisDown = !lane.healthy() && count > 0;
            boolean next =
                    paused ? count >= config.resumeBelow() || redisDown : count >= config.pauseAbove() || redisDown;
            if (next != paused) {
                paused = next;
                backpressure.changed(next);
            }
        } finally {
            pressureLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "ShardBatcher[shard=" + shard + "/" + shardTotal + ", waiting=" + waiting.get() + "]";
    }
}
