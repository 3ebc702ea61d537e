package io.flotilla.cluster.cache;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A seeded 64-bit hash for {@link WrittenDocuments}. Bytes are hashed as XXH64 does (its published algorithm and
 * constants): four independent lanes over 32 bytes at a time, so the multiplies of one word do not wait for the
 * previous word's, then the tail and a final avalanche. Every message's author and member are hashed, and the
 * earlier single chain (two multiplies per word, each waiting for the last) was 4.7 % of a node's CPU with the
 * cache on (issue 16). Not cryptographic; the seed is random per shard term, so colliding inputs cannot be
 * prepared, and a collision would only leave one message's member or user unmerged until it changes again.
 *
 * <p>Stateless.
 */
final class Fingerprint {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long K = 0x9E3779B97F4A7C15L;
    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;
    private static final long P4 = 0x85EBCA77C2B2AE63L;
    private static final long P5 = 0x27D4EB2F165667C5L;

    private Fingerprint() {}

    /** Continues {@code seed} (a key's hash) over {@code data[from, to)}. */
    static long of(long seed, byte[] data, int from, int to) {
        int length = to - from;
        int i = from;
        long h;
        if (length >= 32) {
            long v1 = seed + P1 + P2;
            long v2 = seed + P2;
            long v3 = seed;
            long v4 = seed - P1;
            for (; i + 32 <= to; i += 32) {
                v1 = round(v1, (long) LONGS.get(data, i));
                v2 = round(v2, (long) LONGS.get(data, i + 8));
                v3 = round(v3, (long) LONGS.get(data, i + 16));
                v4 = round(v4, (long) LONGS.get(data, i + 24));
            }
            h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
            h = merge(merge(merge(merge(h, v1), v2), v3), v4);
        } else {
            h = seed + P5;
        }
        h += length;
        for (; i + 8 <= to; i += 8) {
            h ^= round(0, (long) LONGS.get(data, i));
            h = Long.rotateLeft(h, 27) * P1 + P4;
        }
        if (i + 4 <= to) {
            h ^= ((int) INTS.get(data, i) & 0xFFFFFFFFL) * P1;
            h = Long.rotateLeft(h, 23) * P2 + P3;
            i += 4;
        }
        for (; i < to; i++) {
            h ^= (data[i] & 0xFFL) * P5;
            h = Long.rotateLeft(h, 11) * P1;
        }
        h ^= h >>> 33;
        h *= P2;
        h ^= h >>> 29;
        h *= P3;
        return h ^ (h >>> 32);
    }

    private static long round(long acc, long word) {
        return Long.rotateLeft(acc + word * P2, 31) * P1;
    }

    private static long merge(long h, long lane) {
        return (h ^ round(0, lane)) * P1 + P4;
    }

    /** {@code seed} over two strings (ids: their chars, the boundary between them included). */
    static long of(long seed, String a, String b) {
        long h = seed;
        for (int i = 0; i < a.length(); i++) {
            h = (h ^ a.charAt(i)) * K;
        }
        h = mix(h ^ (a.length() + 1L));
        for (int i = 0; i < b.length(); i++) {
            h = (h ^ b.charAt(i)) * K;
        }
        return mix(h ^ (b.length() + 1L) * K);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
