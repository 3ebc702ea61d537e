package io.flotilla.cluster.commit;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The node-wide bound on uncommitted dispatch bytes (issue 12 item 8): every shard's batcher takes the size of each
 * dispatch it holds and gives it back once the dispatch is committed or dropped. When the total reaches {@code max}
 * the budget is exhausted and every shard of the node stops reading until it is below {@code resumeBelow} again,
 * so an outage of Redis costs a bounded heap however many shards were idle when it began.
 *
 * <p>Thread-safe: shard threads take, lane threads give back; {@code onChange} runs on whichever thread flipped
 * the state, outside any lock of the budget.
 */
final class DispatchBudget {
    private final long max;
    private final long resumeBelow;
    private final Runnable onChange;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();
    private final ReentrantLock flip = new ReentrantLock();
    private volatile boolean exhausted;

    DispatchBudget(long max, long resumeBelow, Runnable onChange) {
        this.max = max;
        this.resumeBelow = resumeBelow;
        this.onChange = onChange;
    }

    void take(long n) {
        long now = bytes.addAndGet(n);
        if (now > peak.get()) { // a read, not a write to a line every shard thread shares, unless it is a new peak
            peak.accumulateAndGet(now, Math::max);
        }
        if (now >= max && !exhausted) {
            update();
        }
    }

    void giveBack(long n) {
        if (n == 0) {
            return;
        }
        long now = bytes.addAndGet(-n);
        if (now < resumeBelow && exhausted) {
            update();
        }
    }

    boolean exhausted() {
        return exhausted;
    }

    /** Uncommitted dispatch bytes held by the node now. */
    long held() {
        return bytes.get();
    }

    /** The most ever held at once (for tests and metrics). */
    long peak() {
        return peak.get();
    }

    private void update() {
        boolean changed;
        flip.lock();
        try {
            long now = bytes.get();
            boolean next = exhausted ? now >= resumeBelow : now >= max;
            changed = next != exhausted;
            exhausted = next;
        } finally {
            flip.unlock();
        }
        if (changed) {
            onChange.run();
        }
    }
}
