package io.flotilla.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The machine a benchmark ran on, for its report's header: cores, memory and JDK ({@link #hardware}), and with the
 * load when it ended ({@link #describe}). Every report names its machine through here, so they read alike.
 * Stateless.
 */
final class Machine {
    private Machine() {}

    /** "2 cores, 24,105 MiB, JDK 25.0.3+9-LTS". */
    static String hardware() {
        return String.format(
                Locale.ROOT,
                "%d cores, %,d MiB, JDK %s",
                Runtime.getRuntime().availableProcessors(),
                os().getTotalMemorySize() / (1024 * 1024),
                Runtime.version());
    }

    /** {@link #hardware}, then the 1-minute load average now: "..., 1-minute load 0.6 at the end". */
    static String describe() {
        return String.format(Locale.ROOT, "%s, 1-minute load %.1f at the end", hardware(), os().getSystemLoadAverage());
    }

    private static com.sun.management.OperatingSystemMXBean os() {
        return ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);
    }
}
