package io.flotilla.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorScan#skipContainer} gives the byte-wise scan's answer, the same index or the same error, on valid
 * JSON of every size and on any bytes: blocks with and without escapes, containers shorter than a block, arrays
 * ending right after the payload or long after it. The build's test JVMs have the Vector API, so {@link JsonScan}
 * uses it everywhere else too.
 */
class VectorScanTest {
    private static final byte[] NOISE = "{}[]\"\\\\ab ,:1\u00e9".getBytes(StandardCharsets.UTF_8);

    @Test
    void theTestJvmScansWithVectors() {
        assertThat(JsonScan.vectorized())
                .as("surefire and failsafe pass --add-modules jdk.incubator.vector")
                .isTrue();
    }

    @Test
    void validContainersEndWhereTheirBytesEnd() {
        Random random = new Random(61);
        for (int run = 0; run < 3_000; run++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            container(random, out, 0);
            byte[] json = out.toByteArray();
            Placed at = placed(random, json);

            assertThat(VectorScan.skipContainer(at.b(), at.from(), at.end()))
                    .as(new String(json, StandardCharsets.UTF_8))
                    .isEqualTo(at.end());
            assertThat(JsonScan.skipContainerBytewise(at.b(), at.from(), at.end()))
                    .isEqualTo(at.end());
        }
    }

    @Test
    void anyBytesGetTheByteWiseAnswer() {
        Random random = new Random(62);
        for (int run = 0; run < 30_000; run++) {
            byte[] payload = new byte[1 + random.nextInt(run % 10 == 0 ? 600 : 140)];
            for (int k = 0; k < payload.length; k++) {
                payload[k] = NOISE[random.nextInt(NOISE.length)];
            }
            payload[0] = random.nextBoolean() ? (byte) '{' : (byte) '[';
            Placed at = placed(random, payload);

            assertThat(outcome(() -> VectorScan.skipContainer(at.b(), at.from(), at.end())))
                    .as(new String(payload, StandardCharsets.UTF_8))
                    .isEqualTo(outcome(() -> JsonScan.skipContainerBytewise(at.b(), at.from(), at.end())));
        }
    }

    @Test
    void anEscapeOnTheLastByteOfABlockEscapesTheFirstOfTheNext() {
        byte[] b = ("{\"" + "x".repeat(61) + "\\\"}\"}").getBytes(StandardCharsets.US_ASCII);

        assertThat(VectorScan.skipContainer(b, 0, b.length)).isEqualTo(b.length);
    }

    @Test
    void nestingIsLimitedTo512() {
        byte[] deepest = ("[".repeat(512) + "]".repeat(512)).getBytes(StandardCharsets.US_ASCII);
        byte[] deeper = ("[".repeat(513) + "]".repeat(513)).getBytes(StandardCharsets.US_ASCII);
        byte[] mixed = ("{\"a\":".repeat(300) + "[".repeat(200) + "]".repeat(200) + "}".repeat(300))
                .getBytes(StandardCharsets.US_ASCII);

        assertThat(VectorScan.skipContainer(deepest, 0, deepest.length)).isEqualTo(deepest.length);
        assertThat(VectorScan.skipContainer(mixed, 0, mixed.length)).isEqualTo(mixed.length);
        assertThatThrownBy(() -> VectorScan.skipContainer(deeper, 0, deeper.length))
                .isInstanceOf(PayloadException.class)
                .hasMessageContaining("nests deeper than 512");
    }

    /** The index, or the error's message. */
    private static Object outcome(java.util.function.IntSupplier scan) {
        try {
            return scan.getAsInt();
        } catch (PayloadException e) {
            return String.valueOf(e.getMessage());
        }
    }

    /** A payload at {@code [from, end)} of a bigger array. */
    private record Placed(byte[] b, int from, int end) {}

    /** The payload at a random offset of an array, with 0 to 99 more bytes after it (a reused frame buffer). */
    private static Placed placed(Random random, byte[] payload) {
        int before = random.nextInt(3) == 0 ? 0 : random.nextInt(80);
        int after = random.nextInt(3) == 0 ? 0 : random.nextInt(100);
        byte[] b = new byte[before + payload.length + after];
        Arrays.fill(b, (byte) '}'); // bytes past the payload that would close it, were they read
        System.arraycopy(payload, 0, b, before, payload.length);
        return new Placed(b, before, before + payload.length);
    }

    private static void container(Random random, ByteArrayOutputStream out, int depth) {
        boolean object = random.nextBoolean();
        out.write(object ? '{' : '[');
        int n = depth > 4 ? 0 : random.nextInt(depth == 0 ? 30 : 8);
        for (int k = 0; k < n; k++) {
            if (k > 0) {
                out.write(',');
            }
            if (object) {
                string(random, out);
                out.write(':');
            }
            value(random, out, depth + 1);
        }
        out.write(object ? '}' : ']');
    }

    private static void value(Random random, ByteArrayOutputStream out, int depth) {
        switch (random.nextInt(6)) {
            case 0, 1 -> container(random, out, depth);
            case 2, 3 -> string(random, out);
            case 4 -> out.writeBytes(Integer.toString(random.nextInt()).getBytes(StandardCharsets.US_ASCII));
            default -> out.writeBytes(random.nextBoolean() ? "true".getBytes(StandardCharsets.US_ASCII) : NULL);
        }
    }

    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final String[] PIECES = {"a", "bc", "{", "}", "[", "]", "\\\"", "\\\\", "\\n", "\\u00e9", "é", " "};

    /** A string with brackets, escaped quotes and backslashes, sometimes longer than a block. */
    private static void string(Random random, ByteArrayOutputStream out) {
        StringBuilder s = new StringBuilder("\"");
        int n = random.nextInt(10) == 0 ? 40 + random.nextInt(200) : random.nextInt(12);
        for (int k = 0; k < n; k++) {
            s.append(PIECES[random.nextInt(PIECES.length)]);
        }
        out.writeBytes(s.append('"').toString().getBytes(StandardCharsets.UTF_8));
    }
}
