package io.flotilla.protocol.compress;

import io.flotilla.protocol.json.PayloadException;

/**
 * A byte array that grows on demand and is reused between payloads. It starts empty so that an idle connection
 * holds no buffer, and drops arrays larger than {@link #RETAINED} after use so that one big GUILD_CREATE does not
 * pin memory for the life of the connection. Owned by one inflater; not thread-safe.
 */
final class ReusableBuffer {
    private static final byte[] EMPTY = new byte[0];
    /** Larger arrays are released after each payload. */
    static final int RETAINED = 16 * 1024;
    /**
     * The largest payload a connection may build (64 MiB, the WebSocket message limit): Discord's biggest
     * GUILD_CREATEs are a few MB, so more means a corrupt or hostile stream (a zlib bomb), refused before it exhausts
     * the heap of a node that runs many shards.
     */
    static final int MAX_PAYLOAD = 64 * 1024 * 1024;

    private byte[] array = EMPTY;
    private int length;

    byte[] array() {
        return array;
    }

    int length() {
        return length;
    }

    void setLength(int length) {
        this.length = length;
    }

    /** Makes room for {@code extra} more bytes after the current length. */
    void ensureRoom(int extra) {
        long needed = (long) length + extra;
        if (needed > MAX_PAYLOAD) {
            throw new PayloadException("a gateway payload grew past " + (MAX_PAYLOAD >> 20)
                    + " MiB: the stream is corrupt or hostile; dropping the connection (it resumes)");
        }
        if (needed > array.length) {
            int size = (int) Math.min(MAX_PAYLOAD, Math.max(needed, Math.max(4096, array.length * 2L)));
            byte[] bigger = new byte[size];
            System.arraycopy(array, 0, bigger, 0, length);
            array = bigger;
        }
    }

    void append(byte[] data, int offset, int count) {
        ensureRoom(count);
        System.arraycopy(data, offset, array, length, count);
        length += count;
    }

    /** Forgets the content; releases the array if it grew past {@link #RETAINED}. */
    void reset() {
        length = 0;
        if (array.length > RETAINED) {
            array = EMPTY;
        }
    }
}
