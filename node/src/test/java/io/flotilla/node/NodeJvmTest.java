package io.flotilla.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A node's JVM allows Netty its fast buffer copies where the JVM knows the option, and is not refused elsewhere. */
class NodeJvmTest {

    @Test
    void allowsUnsafeMemoryAccessFromJava23AndLeavesTheOptionOutBefore() {
        assertThat(NodeJvm.options(21)).isEmpty();
        assertThat(NodeJvm.options(22)).isEmpty();
        assertThat(NodeJvm.options(23)).containsExactly("--sun-misc-unsafe-memory-access=allow");
        assertThat(NodeJvm.options(25)).containsExactly("--sun-misc-unsafe-memory-access=allow");
    }
}
