package io.flotilla.fake.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CloseReasonTest {

    @Test
    void aShortReasonIsUnchanged() {
        assertThat(CloseReason.fit("Decode error")).isEqualTo("Decode error");
        String exact = "x".repeat(123);
        assertThat(CloseReason.fit(exact)).isEqualTo(exact);
    }

    @Test
    void aLongReasonIsCutToFitWithAnEllipsis() {
        String fitted = CloseReason.fit("y".repeat(124));

        assertThat(bytes(fitted)).isEqualTo(123);
        assertThat(fitted).endsWith("...").startsWith("yyy");
    }

    @Test
    void theCutNeverSplitsAMultiByteCharacter() {
        // Shift the text by 0-3 bytes so every position of 2-, 3- and 4-byte characters meets the cut.
        for (String character : new String[] {"é", "€", "😀"}) {
            for (int shift = 0; shift < 4; shift++) {
                String reason = "a".repeat(shift) + character.repeat(80);
                String fitted = CloseReason.fit(reason);

                assertThat(bytes(fitted)).isLessThanOrEqualTo(123);
                String body = fitted.substring(0, fitted.length() - 3);
                assertThat(reason).startsWith(body);
                assertThat(new String(fitted.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                        .isEqualTo(fitted);
                assertThat(Character.isHighSurrogate(body.charAt(body.length() - 1)))
                        .isFalse();
            }
        }
    }

    @Test
    void everyCloseCodeReasonFits() {
        for (CloseCode code : CloseCode.values()) {
            assertThat(bytes(code.reason())).as(code.name()).isLessThanOrEqualTo(CloseReason.MAX_BYTES);
        }
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
