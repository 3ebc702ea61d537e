package io.flotilla.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Starting on a port in use fails at once naming the port, from Java and from Main; Main's exit codes. */
@Timeout(30)
class StartupIT {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void startOnAPortInUseThrowsNamingThePort() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            long before = System.nanoTime();

            assertThatThrownBy(() ->
                            FakeDiscord.start(FakeDiscordTests.fast().port(port).build()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("127.0.0.1:" + port)
                    .hasMessageContaining("in use");
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void mainOnAPortInUseSaysSoOnStderrAndExits1() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            int code = run(new CountDownLatch(0), "--port", String.valueOf(port));

            assertThat(code).isEqualTo(1);
            assertThat(err()).contains("127.0.0.1:" + port).doesNotContain("Exception\n\tat ");
        }
    }

    @Test
    void mainRunsUntilStoppedAndExits0() {
        int code = run(new CountDownLatch(0), "--port=0", "--record-dispatches", "false");

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("fake Discord running");
    }

    @Test
    void mainNamesABadNumericFlagAndExits2() {
        assertThat(run(new CountDownLatch(0), "--rate", "abc")).isEqualTo(2);
        assertThat(err()).contains("--rate: \"abc\" is not a number");
    }

    @Test
    void mainGivesDurationsInTheFlagsUnit() {
        assertThat(run(new CountDownLatch(0), "--heartbeat-ms", "0")).isEqualTo(2);
        assertThat(err()).contains("--heartbeat-ms: must be at least 1 ms, was 0 ms");
    }

    private int run(CountDownLatch stop, String... args) {
        return Main.run(
                args,
                Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                stop);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
