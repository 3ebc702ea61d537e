package io.flotilla.protocol.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import io.flotilla.protocol.compress.Compression;
import io.flotilla.protocol.compress.TransportInflater;
import io.flotilla.protocol.json.EnvelopeDecoder;
import io.flotilla.protocol.json.PayloadException;
import io.flotilla.testkit.ForAll;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/**
 * Bad input on the hot path (issue 17): malformed and mistyped JSON, random bytes, corrupted and truncated zlib and
 * zstd streams and a decompression bomb each end in either a payload or a {@link PayloadException} with a message
 * (which the shard turns into a resumable close), never another exception, a hang or an exhausted heap.
 */
class BadFramesPropertyTest {
    private static final String[] VALID = {
        "{\"op\":0,\"s\":42,\"t\":\"MESSAGE_CREATE\",\"d\":{\"id\":\"1\",\"content\":\"hi\",\"guild_id\":\"7\"}}",
        "{\"op\":10,\"d\":{\"heartbeat_interval\":41250},\"s\":null,\"t\":null}",
        "{\"t\":null,\"s\":null,\"op\":11,\"d\":null}",
        "{\"d\":{\"v\":10,\"session_id\":\"abc\",\"resume_gateway_url\":\"wss://x\"},\"op\":0,\"s\":1,\"t\":\"READY\"}",
    };
    private static final String[] WRONG_TYPES = {
        "{\"op\":\"0\",\"s\":1,\"t\":\"X\",\"d\":{}}",
        "{\"op\":0,\"s\":{},\"t\":\"X\",\"d\":{}}",
        "{\"op\":0,\"s\":1,\"t\":7,\"d\":{}}",
        "{\"op\":1.5,\"d\":null}",
        "{\"op\":99999999999999999999}",
        "[]",
        "\"op\"",
        "null",
        "{\"op\":0,\"s\":-1,\"t\":\"\",\"d\":",
        "{\"op\":0,\"op\":1}",
        "{}",
    };

    private final EnvelopeDecoder decoder = new EnvelopeDecoder();

    @Test
    void everyByteStringDecodesOrIsRefusedWithAPayloadException() {
        ForAll.check(BadFramesPropertyTest::badJson, frame -> decodesOrRefuses(frame));
        for (String wrong : WRONG_TYPES) {
            decodesOrRefuses(wrong.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void corruptOrTruncatedCompressedStreamsAreRefusedWithAPayloadException() {
        ForAll.check(
                random -> mangle(random, zlib(VALID)), stream -> inflatesOrRefuses(Compression.ZLIB_STREAM, stream));
        ForAll.check(
                random -> mangle(random, zstd(VALID)), stream -> inflatesOrRefuses(Compression.ZSTD_STREAM, stream));
    }

    @Test
    void aDecompressionBombIsRefusedBeforeItFillsTheHeap() {
        byte[] bomb = zlibOfZeros(80 * 1024 * 1024); // 80 MiB of zeros in one message of about 80 KB
        assertThat(bomb.length).isLessThan(200_000);
        try (TransportInflater inflater = Compression.ZLIB_STREAM.newInflater()) {
            assertThatThrownBy(() -> inflater.feed(bomb, 0, bomb.length))
                    .isInstanceOf(PayloadException.class)
                    .hasMessageContaining("64 MiB");
        }
    }

    private void decodesOrRefuses(byte[] frame) {
        try {
            decoder.decode(frame, 0, frame.length);
        } catch (PayloadException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    private static void inflatesOrRefuses(Compression compression, byte[] stream) {
        try (TransportInflater inflater = compression.newInflater()) {
            int payload = inflater.feed(stream, 0, stream.length);
            assertThat(payload).isGreaterThanOrEqualTo(-1);
        } catch (PayloadException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    /** A valid payload mutated (bytes flipped, cut, inserted), a wrongly typed one, or random bytes. */
    private static byte[] badJson(SplittableRandom random) {
        int kind = random.nextInt(3);
        if (kind == 0) {
            byte[] noise = new byte[ForAll.between(random, 0, 300)];
            random.nextBytes(noise);
            return noise;
        }
        String base = kind == 1 ? VALID[random.nextInt(VALID.length)] : WRONG_TYPES[random.nextInt(WRONG_TYPES.length)];
        return mangle(random, base.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] mangle(SplittableRandom random, byte[] valid) {
        byte[] bytes = valid.clone();
        switch (random.nextInt(3)) {
            case 0 -> { // flip a few bytes
                for (int i = ForAll.between(random, 1, 4); i > 0; i--) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
            }
            case 1 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length)); // truncated
            default -> { // a run of random bytes inserted
                byte[] run = new byte[ForAll.between(random, 1, 16)];
                random.nextBytes(run);
                int at = random.nextInt(bytes.length + 1);
                byte[] longer = new byte[bytes.length + run.length];
                System.arraycopy(bytes, 0, longer, 0, at);
                System.arraycopy(run, 0, longer, at, run.length);
                System.arraycopy(bytes, at, longer, at + run.length, bytes.length - at);
                bytes = longer;
            }
        }
        return bytes;
    }

    /** The payloads as one zlib-stream message sequence (sync flush after each), concatenated. */
    private static byte[] zlib(String[] payloads) {
        Deflater deflater = new Deflater();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String payload : payloads) {
            deflater.setInput(payload.getBytes(StandardCharsets.UTF_8));
            byte[] buffer = new byte[payload.length() * 2 + 64];
            int n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** One zlib-stream message (ending in a sync flush) that inflates to {@code size} zero bytes. */
    private static byte[] zlibOfZeros(int size) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        byte[] zeros = new byte[1024 * 1024];
        byte[] buffer = new byte[64 * 1024];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int done = 0; done < size; done += zeros.length) {
            deflater.setInput(zeros);
            while (!deflater.needsInput()) {
                out.write(buffer, 0, deflater.deflate(buffer, 0, buffer.length, Deflater.NO_FLUSH));
            }
        }
        int n;
        while ((n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH)) > 0) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static byte[] zstd(String[] payloads) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (ZstdOutputStreamNoFinalizer zstd = new ZstdOutputStreamNoFinalizer(sink)) {
            for (String payload : payloads) {
                zstd.write(payload.getBytes(StandardCharsets.UTF_8));
                zstd.flush();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return sink.toByteArray();
    }
}
