package io.flotilla.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Cut, refuse and close through the proxy, against the real Redis. */
@ExtendWith(RedisExtension.class)
class FaultProxyCutIT {
    private static final Duration SETTLE = Duration.ofSeconds(10);

    @Test
    void cutResetsEveryLiveConnection(TestRedis redis) throws IOException {
        try (FaultProxy proxy = FaultProxy.to(redis.uri());
                ProxyClient client = new ProxyClient(proxy.uri(), Duration.ofSeconds(5));
                Socket raw = rawPing(proxy)) {
            assertThat(client.connection.sync().ping()).isEqualTo("PONG");
            assertThat(proxy.connections()).isEqualTo(2);

            proxy.cut();

            assertThat(proxy.connections()).isZero();
            await().atMost(SETTLE).until(() -> !client.connection.isOpen());
            raw.setSoTimeout(5_000);
            assertThatThrownBy(() -> raw.getInputStream().read())
                    .as("a reset, not a clean close")
                    .isInstanceOf(SocketException.class)
                    .hasMessageContaining("reset");
        }
    }

    @Test
    void refusedConnectsFailWhileLiveConnectionsGoOnAndAcceptResumesOnTheSamePort(TestRedis redis) throws IOException {
        try (FaultProxy proxy = FaultProxy.to(redis.uri());
                ProxyClient client = new ProxyClient(proxy.uri(), Duration.ofSeconds(5))) {
            client.connection.sync().ping();

            proxy.refuse(true);

            // Closing the listener is immediate; the retry only rides out a connect that raced it on a loaded machine.
            assertRefusedWithin(proxy, Duration.ofSeconds(3));
            assertThat(client.connection.sync().ping()).isEqualTo("PONG");

            proxy.refuse(false);

            try (Socket again = rawPing(proxy)) {
                assertThat(again.isConnected()).isTrue();
            }
        }
    }

    /** Closing the listener is immediate; retrying only rides out a connect that raced it on a loaded machine. */
    private static void assertRefusedWithin(FaultProxy proxy, Duration bound) throws IOException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            try {
                new Socket(InetAddress.getLoopbackAddress(), proxy.port()).close();
            } catch (ConnectException refused) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("connects to port " + proxy.port() + " were still accepted after " + bound);
            }
        }
    }

    @Test
    void closeEndsEveryConnectionAndEveryThread(TestRedis redis) throws IOException {
        FaultProxy proxy = FaultProxy.to(redis.uri());
        String threadPrefix = "fault-proxy-" + proxy.port() + "-";
        try (Socket raw = rawPing(proxy)) {
            proxy.hold();
            raw.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(proxyThreads(threadPrefix)).isPositive();

            proxy.close();

            assertThat(proxy.connections()).isZero();
            assertThat(proxyThreads(threadPrefix)).isZero();
            raw.setSoTimeout(5_000);
            assertThatThrownBy(() -> raw.getInputStream().read()).isInstanceOf(SocketException.class);
        }
    }

    /** A raw socket through the proxy that has seen one PONG, so the connection is set up end to end. */
    private static Socket rawPing(FaultProxy proxy) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        socket.setSoTimeout(5_000);
        socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] reply = socket.getInputStream().readNBytes(7);
        assertThat(new String(reply, StandardCharsets.US_ASCII)).isEqualTo("+PONG\r\n");
        return socket;
    }

    private static long proxyThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(prefix))
                .count();
    }
}
