package io.flotilla.testkit;

import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A small property runner: a property is checked on {@code tries} generated values, each from its own seed (the
 * base seed, overridable with {@code -Dflotilla.seed=N}, plus the try's index), so a failure names the seed and the
 * value and replays exactly. No shrinking: the generators keep their values small.
 *
 * <p>We do not use jqwik: its maintainer asks that coding agents not use the library (and its 1.10 engine prints
 * a prompt injection into test output), and the properties here need little more than this.
 */
public final class ForAll {
    public static final int TRIES = 300;
    private static final long BASE_SEED = Long.getLong("flotilla.seed", 20_261_201L);

    private ForAll() {}

    /** Checks {@code property} on {@value #TRIES} values drawn by {@code generator}. */
    public static <T> void check(Function<SplittableRandom, T> generator, Consumer<T> property) {
        for (int i = 0; i < TRIES; i++) {
            long seed = BASE_SEED + i;
            T value = generator.apply(new SplittableRandom(seed));
            try {
                property.accept(value);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(
                        "property failed on try " + i + " (replay with -Dflotilla.seed=" + seed + " and try 0): "
                                + value,
                        e);
            }
        }
    }

    /** A uniform int in {@code [min, max]}, with {@code min} and {@code min + 1} drawn more often (edge cases). */
    public static int between(SplittableRandom random, int min, int max) {
        int pick = random.nextInt(10);
        if (pick == 0 || max == min) {
            return min;
        }
        if (pick == 1) {
            return min + 1;
        }
        return random.nextInt(min, max + 1);
    }
}
