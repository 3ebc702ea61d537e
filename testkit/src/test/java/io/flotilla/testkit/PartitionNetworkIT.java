package io.flotilla.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A {@link PartitionNetwork} for real: a process inside a namespace reaches a server on the hub; a cut makes its
 * connect hang (silent, not refused) until healed; the link down does the same; close leaves nothing; a dead JVM's
 * names are swept and a live one's are not.
 */
class PartitionNetworkIT {

    @Test
    void aCutIsSilentBothWaysAndHealsAndTheLinkGoesDownAndUp() throws Exception {
        String bridge;
        String namespaceName;
        try (PartitionNetwork network = PartitionNetwork.create();
                ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(network.hub(), 0));
            InetSocketAddress peer = new InetSocketAddress(network.hub(), server.getLocalPort());
            NetNamespace namespace = network.namespace("test");
            bridge = network.bridge();
            namespaceName = namespace.name();
            Thread.ofVirtual().start(() -> acceptForever(server));

            assertThat(connectFrom(namespace, peer))
                    .as("connects through the bridge")
                    .isZero();
            namespace.cut(peer);
            assertThat(connectFrom(namespace, peer))
                    .as("a cut connect hangs until its timeout (124), never refused (1)")
                    .isEqualTo(124);
            try (Socket other = new Socket()) {
                other.connect(peer, 1000); // the cut is the namespace's alone: this machine still reaches the hub
            }
            namespace.heal(peer);
            assertThat(connectFrom(namespace, peer)).as("healed").isZero();

            namespace.linkDown();
            assertThat(connectFrom(namespace, peer)).as("link down: silent").isEqualTo(124);
            namespace.linkUp();
            assertThat(connectFrom(namespace, peer)).as("link up").isZero();
        }
        assertThat(NetCommands.run("ip", "netns", "list")).doesNotContain(namespaceName);
        assertThat(NetCommands.run("ip", "-o", "link", "show")).doesNotContain(bridge + ":");
    }

    @Test
    void theSweepRemovesTheNamesOfADeadJvmAndKeepsThoseOfALiveOne() throws Exception {
        try (PartitionNetwork network = PartitionNetwork.create()) {
            Process gone = new ProcessBuilder("true").start();
            gone.waitFor(10, TimeUnit.SECONDS);
            String orphan = NetLeftovers.PREFIX + gone.pid() + "n1";
            NetCommands.run("ip", "netns", "add", orphan);
            NetNamespace live = network.namespace("live");

            NetLeftovers.sweep();

            String namespaces = NetCommands.run("ip", "netns", "list");
            assertThat(namespaces).doesNotContain(orphan).contains(live.name());
        }
    }

    /** The exit code of a 1.5 s bounded TCP connect from inside the namespace: 0 connected, 124 timed out. */
    private static int connectFrom(NetNamespace namespace, InetSocketAddress peer)
            throws IOException, InterruptedException {
        java.util.List<String> command = new java.util.ArrayList<>(namespace.exec());
        command.addAll(java.util.List.of(
                "timeout",
                "1.5",
                "bash",
                "-c",
                "exec 3<>/dev/tcp/" + peer.getAddress().getHostAddress() + "/" + peer.getPort()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the connect probe did not end");
        }
        return process.exitValue();
    }

    private static void acceptForever(ServerSocket server) {
        while (true) {
            try (Socket ignored = server.accept()) {
                // accepted: enough for the probe
            } catch (IOException closed) {
                return;
            }
        }
    }
}
