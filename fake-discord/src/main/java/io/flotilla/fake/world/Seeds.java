package io.flotilla.fake.world;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Derives independent random generators from the world's seed, so each guild and each shard's event stream
 * depends only on the seed and its own coordinates, not on what was generated before it. Stateless.
 */
final class Seeds {

    private Seeds() {}

    /** A generator for the given seed and coordinates; {@link SplittableRandom}'s algorithm is fixed by spec. */
    static RandomGenerator random(long seed, long... coordinates) {
        long mixed = mix(seed);
        for (long coordinate : coordinates) {
            mixed = mix(mixed ^ mix(coordinate + 0x632BE59BD9B4E019L));
        }
        return new SplittableRandom(mixed);
    }

    /** The SplitMix64 finalizer: spreads every input bit over the whole output. */
    static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
