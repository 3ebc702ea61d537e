package io.flotilla.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Close frames as a real client sees them: a reason over 123 bytes makes the frame invalid and the client reports
 * 1006 instead of the code, so these check the code and reason for the violations whose texts are long.
 */
class CloseReasonIT {

    private static FakeDiscord fake;

    @BeforeAll
    static void start() {
        fake = FakeDiscord.start(FakeDiscordTests.fast().build());
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @Test
    void badJsonIs4002WithItsReason() {
        try (TestGatewayClient client = TestGatewayClient.connect(fake)) {
            client.awaitOp(10);
            client.send("{\"op\":1,\"d\":null} trailing words that Jackson quotes back at length in its message");

            assertThat(client.awaitClose()).isEqualTo(4002);
            assertThat(client.closeReason).startsWith("payload is not valid JSON");
            assertThat(client.closeReason.getBytes(StandardCharsets.UTF_8).length)
                    .isLessThanOrEqualTo(123);
        }
    }

    @Test
    void binaryFrameThatIsNotJsonIs4002WithItsReason() {
        try (TestGatewayClient client = TestGatewayClient.connect(fake)) {
            client.awaitOp(10);
            client.sendBinary(new byte[] {0, 1, 2, (byte) 0xff, 3, 4});

            assertThat(client.awaitClose()).isEqualTo(4002);
            assertThat(client.closeReason).startsWith("payload is not valid JSON");
        }
    }
}
