package io.flotilla.fake.world;

/**
 * Mints Discord snowflakes: {@code ((ms - 1420070400000) << 22) | (worker << 17) | (process << 12) | increment}.
 * Each mint owns one worker/process pair, so two mints with different pairs never produce the same id.
 *
 * <p>Not thread-safe: owned by the world generation or by one event generator.
 */
final class SnowflakeMint {

    /** Discord's epoch, the first second of 2015, in Unix milliseconds. */
    static final long DISCORD_EPOCH_MS = 1_420_070_400_000L;

    private static final int MAX_INCREMENT = 4095;

    // The worker/process bits of each id space, so the spaces never overlap.
    static final int USER_WORKER = 0;
    static final int GUILD_ENTITY_WORKER = 1;
    static final int GUILD_WORKER = 2;
    static final int BOT_WORKER = 3;
    /** Generators mint with workers from here up, one per shard (see {@link EventGenerator}). */
    static final int FIRST_GENERATOR_WORKER = 4;

    // settings
    private final int workerProcess;

    // mutable state
    private long lastMs = Long.MIN_VALUE;
    private int increment;

    /** @param workerProcess the 10 bits of worker (high 5) and process (low 5) id, 0..1023 */
    SnowflakeMint(int workerProcess) {
        if (workerProcess < 0 || workerProcess > 1023) {
            throw new IllegalArgumentException("snowflake worker/process must be 0..1023, was " + workerProcess);
        }
        this.workerProcess = workerProcess;
    }

    /** A new id whose timestamp is {@code ms}, or a little later when more than 4096 ids fall in one ms. */
    long mint(long ms) {
        if (ms > lastMs) {
            lastMs = ms;
            increment = 0;
        } else if (increment == MAX_INCREMENT) {
            lastMs++;
            increment = 0;
        } else {
            increment++;
        }
        return compose(lastMs, workerProcess, increment);
    }

    static long compose(long ms, int workerProcess, int increment) {
        return ((ms - DISCORD_EPOCH_MS) << 22) | ((long) workerProcess << 12) | increment;
    }

    /** The Unix millisecond at which the snowflake was made. */
    static long timestampMs(long id) {
        return (id >>> 22) + DISCORD_EPOCH_MS;
    }

    /** Discord's routing rule (GATEWAY.md section 8): {@code (id >>> 22) % shardCount}. */
    static int shardOf(long id, int shardCount) {
        return (int) Long.remainderUnsigned(id >>> 22, shardCount);
    }
}
