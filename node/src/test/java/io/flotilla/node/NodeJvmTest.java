package io.flotilla.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A node's JVM has the Vector API module, and allows Netty its fast buffer copies where the JVM knows the option
 * (and is not refused elsewhere).
 */
class NodeJvmTest {

    @Test
    void allowsUnsafeMemoryAccessFromJava23AndLeavesTheOptionOutBefore() {
        assertThat(NodeJvm.options(21)).containsExactly("--add-modules", "jdk.incubator.vector");
        assertThat(NodeJvm.options(22)).containsExactly("--add-modules", "jdk.incubator.vector");
        assertThat(NodeJvm.options(23))
                .containsExactly("--add-modules", "jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow");
        assertThat(NodeJvm.options(25))
                .containsExactly("--add-modules", "jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow");
    }
}
