package io.flotilla.fake.world;

import java.util.HashSet;
import java.util.Set;

/**
 * Ids for what the world starts with, at whatever timestamp generation picks (channels of an old guild are
 * old, threads are recent), so unlike {@link SnowflakeMint} the timestamps need not ascend. Uniqueness comes
 * from remembering every id handed out; a taken id moves on to the next increment.
 *
 * <p>Not thread-safe; lives only while {@link WorldGenesis} runs.
 */
final class GenesisIds {

    private final int workerProcess;
    private final Set<Long> taken = new HashSet<>();

    GenesisIds(int workerProcess) {
        this.workerProcess = workerProcess;
    }

    /** Marks an id made elsewhere (a guild id) as taken. */
    void reserve(long id) {
        taken.add(id);
    }

    /** A new id whose timestamp is {@code ms}. */
    long at(long ms) {
        long id = SnowflakeMint.compose(ms, workerProcess, 0);
        while (!taken.add(id)) {
            id++;
        }
        return id;
    }
}
