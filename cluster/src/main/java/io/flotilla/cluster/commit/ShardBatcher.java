package io.flotilla.cluster.commit;

import io.flotilla.cluster.cache.EntityCache;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One shard's entry into the committer: {@link #add} collects dispatches, {@link #flush} seals them into a
 * batch for the shard's lane (a full batch is sealed by itself). Batches commit in the order they were sealed.
 * When too many dispatches wait, or the lane cannot reach Redis while some wait, {@link Backpressure} tells the
 * shard to stop reading; nothing is ever dropped.
 *
 * <p>{@link #add} and {@link #flush} belong to the shard's thread; the other methods are thread-safe.
 */
public final class ShardBatcher {
    // settings
    private final int shard;
    private final int shardTotal;
    private final CommitterConfig config;
    final byte[] shardBytes;
    final byte[] shardTotalBytes;
    // collaborators
    private final CommitLane lane;
    private final EntityCache cache;
    private final Backpressure backpressure;
    // the shard thread's open batch
    private List<Dispatch> open;
    private boolean openTouchesCache;
    // shared state
    private final AtomicLong waiting = new AtomicLong();
    private volatile long committedSeq = -1;
    private final ReentrantLock pressureLock = new ReentrantLock();
    private boolean paused; // guarded by pressureLock

    ShardBatcher(
            int shard,
            int shardTotal,
            CommitterConfig config,
            CommitLane lane,
            EntityCache cache,
            Backpressure backpressure) {
        this.shard = shard;
        this.shardTotal = shardTotal;
        this.config = config;
        this.shardBytes = Integer.toString(shard).getBytes(StandardCharsets.US_ASCII);
        this.shardTotalBytes = Integer.toString(shardTotal).getBytes(StandardCharsets.US_ASCII);
        this.lane = lane;
        this.cache = cache;
        this.backpressure = backpressure;
        this.open = new ArrayList<>(config.maxBatch());
    }

    public int shard() {
        return shard;
    }

    public int shardTotal() {
        return shardTotal;
    }

    /** Adds a dispatch to the open batch; seals it when full. Shard thread only. */
    public void add(Dispatch dispatch) {
        open.add(dispatch);
        openTouchesCache |= cache.touchesCache(dispatch.type());
        if (waiting.incrementAndGet() >= config.pauseAbove()) {
            evaluatePressure();
        }
        if (open.size() >= config.maxBatch()) {
            flush();
        }
    }

    /**
     * Seals the open batch and hands it to the lane. The future completes with the batch's last seq after its
     * EXEC succeeded; with nothing open it completes at once with the last committed seq. Shard thread only.
     */
    public CompletableFuture<Long> flush() {
        if (open.isEmpty()) {
            return CompletableFuture.completedFuture(committedSeq);
        }
        Batch batch = new Batch(this, open, openTouchesCache);
        open = new ArrayList<>(config.maxBatch());
        openTouchesCache = false;
        lane.submit(batch);
        return batch.committed;
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

    /** Called by the lane after the batch committed. */
    void committed(Batch batch) {
        committedSeq = batch.last().seq();
        waiting.addAndGet(-batch.dispatches.size());
        evaluatePressure();
        batch.committed.complete(batch.last().seq());
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
