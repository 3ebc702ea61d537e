package io.flotilla.testkit;

import java.nio.file.Path;

/**
 * A copy of a {@link RedisProcess}'s data folder as it was at one moment ({@link RedisProcess#snapshot()}):
 * the append-only file (Redis 6.2's single {@code appendonly.aof}, or Redis 7's {@code appendonlydir}
 * folder of base, incremental and manifest files) and any RDB file. {@link RedisProcess#restartFrom}
 * puts it back, which is Redis losing every write it acknowledged after the snapshot.
 *
 * <p>Lives in its own temporary folder, deleted by {@link #close()}, by the server's close, or at JVM exit,
 * whichever comes first. Immutable once taken; safe to restart from more than once.
 */
public final class RedisSnapshot implements AutoCloseable {
    private final Path folder;

    RedisSnapshot(Path folder) {
        this.folder = folder;
    }

    /** The folder holding the copied files. */
    public Path folder() {
        return folder;
    }

    /** Deletes the copy; the snapshot cannot be restarted from afterwards. */
    @Override
    public void close() {
        TempFolders.deleteTree(folder);
        ShutdownCleanup.forget(this);
    }

    @Override
    public String toString() {
        return "Redis snapshot " + folder;
    }
}
