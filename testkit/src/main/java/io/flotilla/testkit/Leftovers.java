package io.flotilla.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Removes what a test JVM killed with SIGKILL left behind (its shutdown hook never ran): the Redis fixture's
 * temporary folders and the {@code redis-server} still running in one. Each folder the fixture creates
 * holds an owner file naming the JVM and the server; a folder whose JVM is gone is swept by the next JVM
 * that starts a {@link RedisProcess}. Folders of live JVMs, and folders without an owner file (made by
 * something else), are never touched.
 *
 * <p>Thread-safe: the sweep runs once per JVM.
 */
final class Leftovers {
    static final String OWNER_FILE = "flotilla-owner";
    static final String PREFIX = "flotilla-redis-";
    private static boolean swept;

    private Leftovers() {}

    /** Marks {@code folder} as this JVM's, with {@code serverPid} the server that writes in it (or 0). */
    static void claim(Path folder, long serverPid) {
        String owner = ProcessHandle.current().pid() + "\n" + serverPid + "\n";
        try {
            Files.writeString(folder.resolve(OWNER_FILE), owner, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the owner file in " + folder, e);
        }
    }

    /** Once per JVM: deletes the fixture folders of dead JVMs and kills their servers. */
    static synchronized void sweepOnce(Path tempDir) {
        if (swept) {
            return;
        }
        swept = true;
        sweep(tempDir);
    }

    /** Deletes the fixture folders of dead JVMs under {@code tempDir} and kills their servers. */
    static void sweep(Path tempDir) {
        try (Stream<Path> entries = Files.list(tempDir)) {
            entries.filter(entry -> entry.getFileName().toString().startsWith(PREFIX))
                    .forEach(Leftovers::sweepFolder);
        } catch (IOException | UncheckedIOException unreadable) {
            // Best effort: a temp directory we cannot list holds nothing we could remove.
        }
    }

    private static void sweepFolder(Path folder) {
        List<Long> pids = owner(folder);
        if (pids.size() != 2 || alive(pids.get(0)).isPresent()) {
            return;
        }
        alive(pids.get(1))
                .filter(server -> server.info().command().orElse("").contains("redis-server"))
                .ifPresent(ProcessHandle::destroyForcibly);
        try {
            TempFolders.deleteTree(folder);
        } catch (UncheckedIOException busy) {
            // Another JVM sweeping at the same moment, or a file we may not delete: leave it.
        }
    }

    private static List<Long> owner(Path folder) {
        try {
            return Files.readAllLines(folder.resolve(OWNER_FILE), StandardCharsets.US_ASCII).stream()
                    .map(Long::parseLong)
                    .toList();
        } catch (IOException | NumberFormatException notOurs) {
            return List.of();
        }
    }

    private static Optional<ProcessHandle> alive(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    }
}
