package io.flotilla.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * BENCHMARKS.md as the drivers update it: each benchmark owns one section between
 * {@code <!-- name:start -->} and {@code <!-- name:end -->} and rewrites only that. Stateless.
 */
final class BenchmarksFile {

    private BenchmarksFile() {}

    /** BENCHMARKS.md in the working directory or the nearest parent that has one. */
    static Path find() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("BENCHMARKS.md");
            if (Files.exists(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        return Path.of("BENCHMARKS.md");
    }

    /**
     * Replaces the text between the section's markers with {@code body}. A file without the section gets it at
     * its end under {@code heading}.
     */
    static void replaceSection(Path file, String name, String heading, String body) throws IOException {
        String start = "<!-- " + name + ":start -->";
        String end = "<!-- " + name + ":end -->";
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            text = text.stripTrailing() + "\n\n" + heading + "\n\n" + start + "\n" + end + "\n";
            from = text.indexOf(start);
            to = text.indexOf(end);
        }
        String updated = text.substring(0, from + start.length()) + "\n" + body + text.substring(to);
        Files.writeString(file, updated, StandardCharsets.UTF_8);
    }
}
