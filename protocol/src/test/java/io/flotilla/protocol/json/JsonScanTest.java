package io.flotilla.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonScan#skipString} and {@link JsonScan#skipPlainString}, which read eight bytes at a time, end each
 * string where a byte loop does.
 */
class JsonScanTest {
    private static final byte[] ALPHABET = "ab\"\\é\u0000\u00ff\u007f }".getBytes(StandardCharsets.UTF_8);

    @Test
    void stringsEndWhereAByteByByteScanEndsThem() {
        Random random = new Random(16);
        for (int run = 0; run < 20_000; run++) {
            byte[] b = randomString(random);
            int expected = byteByByte(b);
            if (expected < 0) {
                assertThatThrownBy(() -> JsonScan.skipString(b, 0, b.length)).isInstanceOf(PayloadException.class);
            } else {
                assertThat(JsonScan.skipString(b, 0, b.length))
                        .as(new String(b, StandardCharsets.ISO_8859_1))
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void anEscapedQuoteOnAWordBoundaryDoesNotEndTheString() {
        byte[] b = "\"1234567\\\"89abcdef\" tail".getBytes(StandardCharsets.US_ASCII);

        assertThat(JsonScan.skipString(b, 0, b.length)).isEqualTo(19);
    }

    @Test
    void aPlainStringEndsWhereItsQuoteIsAndAnEscapeIsReported() {
        Random random = new Random(17);
        for (int run = 0; run < 20_000; run++) {
            byte[] b = randomString(random);
            int expected = firstQuoteOrEscape(b);
            if (expected == Integer.MIN_VALUE) {
                assertThatThrownBy(() -> JsonScan.skipPlainString(b, 0, b.length))
                        .isInstanceOf(PayloadException.class);
            } else {
                assertThat(JsonScan.skipPlainString(b, 0, b.length))
                        .as(new String(b, StandardCharsets.ISO_8859_1))
                        .isEqualTo(expected);
            }
        }
    }

    /** An opening quote and up to 39 bytes, a quarter of them quotes, backslashes, NULs, high bytes and the like. */
    private static byte[] randomString(Random random) {
        byte[] b = new byte[1 + random.nextInt(40)];
        b[0] = '"';
        for (int k = 1; k < b.length; k++) {
            b[k] = random.nextInt(4) == 0 ? ALPHABET[random.nextInt(ALPHABET.length)] : (byte) ('c' + k % 20);
        }
        return b;
    }

    /** The reference for a plain string: after the first quote, -1 at a first backslash, MIN_VALUE when neither. */
    private static int firstQuoteOrEscape(byte[] b) {
        for (int i = 1; i < b.length; i++) {
            if (b[i] == '"') {
                return i + 1;
            }
            if (b[i] == '\\') {
                return -1;
            }
        }
        return Integer.MIN_VALUE;
    }

    /** The reference: one byte at a time; -1 when the string does not end. */
    private static int byteByByte(byte[] b) {
        int i = 1;
        while (i < b.length) {
            if (b[i] == '"') {
                return i + 1;
            }
            i += b[i] == '\\' ? 2 : 1;
        }
        return -1;
    }
}
