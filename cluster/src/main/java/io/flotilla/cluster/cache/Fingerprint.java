package io.flotilla.cluster.cache;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A seeded 64-bit hash for {@link WrittenDocuments}: eight bytes at a time, each word mixed in with a multiply and
 * xor-shifts (the finalizer of MurmurHash3/SplitMix64), the length mixed in too. Not cryptographic; the seed is
 * random per shard term, so colliding inputs cannot be prepared, and a collision would only skip one redundant
 * merge until that member or user changes again.
 *
 * <p>Stateless.
 */
final class Fingerprint {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long K = 0x9E3779B97F4A7C15L;

    private Fingerprint() {}

    /** Continues {@code h} over {@code data[from, to)}. */
    static long of(long h, byte[] data, int from, int to) {
        h ^= (to - from) * K;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            h = mix(h ^ (long) LONGS.get(data, i)) + K;
        }
        long tail = 0;
        for (int shift = 0; i < to; i++, shift += 8) {
            tail |= (data[i] & 0xFFL) << shift;
        }
        return mix(h ^ tail ^ K);
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
