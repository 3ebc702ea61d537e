package io.flotilla.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/** The machine a benchmark ran on, for its report line: cores, memory, JDK and the load when it ended. Stateless. */
final class Machine {
    private Machine() {}

    static String describe() {
        var os = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class);
        return String.format(
                Locale.ROOT,
                "%d cores, %,d MiB, JDK %s, 1-minute load %.1f at the end",
                Runtime.getRuntime().availableProcessors(),
                os.getTotalMemorySize() / (1024 * 1024),
                Runtime.version(),
                os.getSystemLoadAverage());
    }
}
