package io.flotilla.fake;

import io.flotilla.fake.world.Dispatch;

/**
 * A session's dispatch stream: the last {@code capacity} dispatches, slot {@code seq & mask} holding seq. The
 * single source for live sending and for RESUME replay.
 *
 * <p>One writer, the shard hub's thread, appends; one reader at a time, the attached connection's event loop,
 * reads seqs up to {@link #produced()}. The volatile {@code produced} publishes each slot. The hub never
 * overwrites a slot the reader has not written out yet (it checks the connection's cursor first, see
 * {@link ShardHub}), so a reader never sees a slot change under it.
 */
final class DispatchRing {

    private final Dispatch[] slots;
    private final int mask;
    private volatile long produced;

    DispatchRing(int capacity) {
        this.slots = new Dispatch[capacity];
        this.mask = capacity - 1;
    }

    int capacity() {
        return slots.length;
    }

    /** Appends the next dispatch and returns its seq. Hub thread only. */
    long append(Dispatch dispatch) {
        long seq = produced + 1;
        slots[(int) (seq & mask)] = dispatch;
        produced = seq;
        return seq;
    }

    /** The last seq appended, 0 before the first. */
    long produced() {
        return produced;
    }

    /** The oldest seq still held. */
    long oldestRetained() {
        return Math.max(1, produced - slots.length + 1);
    }

    /** The dispatch of a seq between {@link #oldestRetained()} and {@link #produced()}. */
    Dispatch get(long seq) {
        return slots[(int) (seq & mask)];
    }
}
