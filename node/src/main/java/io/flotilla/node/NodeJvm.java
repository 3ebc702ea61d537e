package io.flotilla.node;

import java.util.List;
import java.util.stream.Stream;

/**
 * The options a node's JVM starts with, for every launcher written in Java (the demo's nodes, the tests' node
 * processes, the benchmarks' children); {@code ./flotilla} spells the same in bash.
 *
 * <p>{@code --sun-misc-unsafe-memory-access=allow}: from Java 25, Netty 4.2 no longer uses {@code sun.misc.Unsafe}
 * unless the JVM allows it, and then reads and writes direct buffers through {@code ByteBuffer} views. Every frame
 * from Discord and every command to Redis goes through such buffers; with the option a node spent 1.28x less
 * CPU per event with the cache on and 1.07x with it off (4 pairs, BENCHMARKS.md, issue 16). Java 23 brought the
 * option (JEP 471); an older JVM refuses to start with it, so it is left out there.
 *
 * <p>{@code --add-modules jdk.incubator.vector}: the JSON scan that finds where each event's {@code d} ends runs
 * 64 bytes at a time with the (incubating) Vector API when the JVM has the module, 3.5x faster than byte by byte
 * ({@code VectorScan}, issue 16). Every JDK from 16 on has it; the JVM prints one warning line at start. Stateless.
 */
public final class NodeJvm {
    /** The first Java release that knows the Unsafe option. */
    private static final int UNSAFE_OPTION_SINCE = 23;

    private static final List<String> VECTORS = List.of("--add-modules", "jdk.incubator.vector");

    private NodeJvm() {}

    /** The options for a JVM of the running one's release (launchers start the same {@code java}). */
    public static List<String> options() {
        return options(Runtime.version().feature());
    }

    static List<String> options(int javaRelease) {
        if (javaRelease < UNSAFE_OPTION_SINCE) {
            return VECTORS;
        }
        return Stream.concat(VECTORS.stream(), Stream.of("--sun-misc-unsafe-memory-access=allow"))
                .toList();
    }
}
