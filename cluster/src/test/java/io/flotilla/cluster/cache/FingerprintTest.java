package io.flotilla.cluster.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The fingerprint of bytes is XXH64: the expected values come from the reference C library (libxxhash 0.8.1),
 * for every path of the algorithm (empty, the byte, 4-byte and 8-byte tails, the 32-byte lanes) and seeds.
 */
class FingerprintTest {

    @Test
    void hashesBytesAsTheReferenceXxh64Does() {
        assertThat(xxh64("", 0)).isEqualTo(0xef46db3751d8e999L);
        assertThat(xxh64("a", 0)).isEqualTo(0xd24ec4f1a98c6e5bL);
        assertThat(xxh64("abc", 0)).isEqualTo(0x44bc2cf5ad770999L);
        assertThat(xxh64("Nobody inspects the spammish repetition", 0)).isEqualTo(0xfbcea83c8a378bf1L);
        assertThat(xxh64(
                        "{\"id\":\"80351110224678912\",\"username\":\"Nelly\",\"global_name\":null,"
                                + "\"avatar\":\"8342729096ea3675442027381ff50dfe\"}",
                        12345))
                .isEqualTo(0x8ee3ee06ed537ca2L);
        assertThat(xxh64("0123456789abcdef0123456789abcdefXYZW12345", Long.MIN_VALUE + 7))
                .isEqualTo(0xf9a07ce113a6679aL);
    }

    @Test
    void hashesOnlyTheSpanItIsGiven() {
        byte[] framed = "xx{\"nick\":\"a\"}yy".getBytes(StandardCharsets.UTF_8);
        byte[] alone = "{\"nick\":\"a\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(Fingerprint.of(99, framed, 2, framed.length - 2))
                .isEqualTo(Fingerprint.of(99, alone, 0, alone.length));
        assertThat(Fingerprint.of(98, alone, 0, alone.length)).isNotEqualTo(Fingerprint.of(99, alone, 0, alone.length));
    }

    private static long xxh64(String text, long seed) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return Fingerprint.of(seed, bytes, 0, bytes.length);
    }
}
