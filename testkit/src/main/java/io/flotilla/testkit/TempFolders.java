package io.flotilla.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * File-tree chores of the Redis fixture: create a temporary folder, copy a folder's content, delete a tree.
 * Stateless; safe from any thread.
 */
final class TempFolders {
    private TempFolders() {}

    /** A new folder in the system's temporary directory, named {@code prefix} plus a random suffix. */
    static Path create(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary folder " + prefix + "*", e);
        }
    }

    /**
     * Copies what is inside {@code from} into {@code to} (which exists), sub-folders included, skipping the
     * top-level entries {@code skip} accepts. A file that vanishes while the copy runs (Redis deleting an
     * old AOF part) is left out rather than failing the copy.
     */
    static void copyContent(Path from, Path to, Predicate<Path> skip) {
        try (Stream<Path> entries = Files.list(from)) {
            for (Path entry : entries.filter(skip.negate()).toList()) {
                copyTree(entry, to.resolve(entry.getFileName().toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy " + from + " to " + to, e);
        }
    }

    /** Deletes the top-level entries of {@code folder} that {@code keep} does not accept. */
    static void deleteContent(Path folder, Predicate<Path> keep) {
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path entry : entries.filter(keep.negate()).toList()) {
                deleteTree(entry);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not empty " + folder, e);
        }
    }

    /** Deletes {@code root} and everything under it; a tree that is already gone is fine. */
    static void deleteTree(Path root) {
        // Two passes: a process that was just killed may still have created a file during the first one.
        for (int attempt = 1; ; attempt++) {
            try {
                walkDeleting(root);
                return;
            } catch (NoSuchFileException gone) {
                if (!Files.exists(root)) {
                    return;
                }
            } catch (DirectoryNotEmptyException raced) {
                if (attempt == 2) {
                    throw new UncheckedIOException("could not delete " + root, raced);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not delete " + root, e);
            }
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        if (Files.isDirectory(source)) {
            Files.createDirectories(target);
            try (Stream<Path> children = Files.list(source)) {
                for (Path child : children.toList()) {
                    copyTree(child, target.resolve(child.getFileName().toString()));
                }
            }
            return;
        }
        try {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (NoSuchFileException vanished) {
            // Deleted between the listing and the copy: it was not part of the data any more.
        }
    }

    private static void walkDeleting(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
