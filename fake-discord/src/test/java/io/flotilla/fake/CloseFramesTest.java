package io.flotilla.fake;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every close the fake sends goes through CloseFrames, and every frame it builds is a valid control frame. */
class CloseFramesTest {

    @Test
    void aFrameWithTheLongestReasonsStillFitsAControlFrame() {
        String jacksonLike = "payload is not valid JSON: Unexpected character ('t' (code 116)): Trailing token (of type"
                + " VALUE_STRING) found after value (bound as `com.fasterxml.jackson.databind.JsonNode`)";
        for (String reason : List.of(jacksonLike, "é".repeat(200), "x".repeat(5000), "")) {
            CloseWebSocketFrame frame = CloseFrames.frame(4002, reason);
            try {
                assertThat(frame.content().readableBytes()).isLessThanOrEqualTo(125);
                assertThat(frame.statusCode()).isEqualTo(4002);
            } finally {
                frame.release();
            }
        }
    }

    @Test
    void noOtherSourceBuildsACloseFrame() throws IOException {
        Path sources = Path.of("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            List<Path> builders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.getFileName().toString().equals("CloseFrames.java"))
                    .filter(p -> read(p).contains("new CloseWebSocketFrame("))
                    .toList();
            assertThat(builders).isEmpty();
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
