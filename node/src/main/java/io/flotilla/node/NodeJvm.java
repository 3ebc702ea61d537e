package io.flotilla.node;

import java.util.List;

/**
 * The options a node's JVM starts with, for every launcher written in Java (the demo's nodes, the tests' node
 * processes, the benchmarks' children); {@code ./flotilla} spells the same in bash.
 *
 * <p>{@code --sun-misc-unsafe-memory-access=allow}: from Java 25, Netty 4.2 no longer uses {@code sun.misc.Unsafe}
 * unless the JVM allows it, and then reads and writes direct buffers through {@code ByteBuffer} views. Every frame
 * from Discord and every command to Redis goes through such buffers; with the option a node spent 1.28x less
 * CPU per event with the cache on and 1.07x with it off (4 pairs, BENCHMARKS.md, issue 16). Java 23 brought the
 * option (JEP 471); an older JVM refuses to start with it, so it is left out there. Stateless.
 */
public final class NodeJvm {
    /** The first Java release that knows the option. */
    private static final int UNSAFE_OPTION_SINCE = 23;

    private NodeJvm() {}

    /** The options for a JVM of the running one's release (launchers start the same {@code java}). */
    public static List<String> options() {
        return options(Runtime.version().feature());
    }

    static List<String> options(int javaRelease) {
        return javaRelease >= UNSAFE_OPTION_SINCE ? List.of("--sun-misc-unsafe-memory-access=allow") : List.of();
    }
}
