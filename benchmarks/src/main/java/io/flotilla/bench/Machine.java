package io.flotilla.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The machine a benchmark ran on, for its report's header: cores, memory and JDK ({@link #hardware}), and with the
 * load when it ended ({@link #describe}). Every report names its machine through here, so they read alike.
 * Stateless.
 */
final class Machine {
    private Machine() {}

    /** "2 cores (AMD EPYC), 24,105 MiB, JDK 25.0.3+9-LTS". */
    static String hardware() {
        return String.format(
                Locale.ROOT,
                "%d cores (%s), %,d MiB, JDK %s",
                Runtime.getRuntime().availableProcessors(),
                cpuModel(),
                os().getTotalMemorySize() / (1024 * 1024),
                Runtime.version());
    }

    /**
     * The processor's model name from {@code /proc/cpuinfo}, else the architecture. Machines "of this kind" differ in
     * it (an Intel with AVX-512 one day, an AMD EPYC without it the next), and the figures differ with it.
     */
    static String cpuModel() {
        String architecture = System.getProperty("os.arch", "unknown processor");
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse(architecture);
        } catch (IOException | RuntimeException e) {
            return architecture;
        }
    }

    /** {@link #hardware}, then the 1-minute load average now: "..., 1-minute load 0.6 at the end". */
    static String describe() {
        return String.format(Locale.ROOT, "%s, 1-minute load %.1f at the end", hardware(), os().getSystemLoadAverage());
    }

    private static com.sun.management.OperatingSystemMXBean os() {
        return ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);
    }
}
