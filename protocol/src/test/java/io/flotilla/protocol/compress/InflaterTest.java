package io.flotilla.protocol.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import io.flotilla.protocol.json.PayloadException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

class InflaterTest {
    private static final String HELLO = "{\"op\":10,\"d\":{\"heartbeat_interval\":41250},\"s\":null,\"t\":null}";

    /** A zlib stream compressed the way Discord does: one shared deflater, a sync flush after each payload. */
    private static byte[] zlibMessage(Deflater deflater, String payload) {
        deflater.setInput(payload.getBytes(StandardCharsets.UTF_8));
        byte[] buffer = new byte[payload.length() * 2 + 64];
        int n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
        return Arrays.copyOf(buffer, n);
    }

    private static String fed(TransportInflater inflater, byte[] message) {
        int n = inflater.feed(message, 0, message.length);
        return n < 0 ? "<incomplete>" : new String(inflater.output(), 0, n, StandardCharsets.UTF_8);
    }

    @Test
    void zlibStreamSharesOneContextAcrossPayloads() {
        Deflater deflater = new Deflater();
        try (TransportInflater inflater = Compression.ZLIB_STREAM.newInflater()) {
            byte[] first = zlibMessage(deflater, HELLO);
            assertThat(first).endsWith(0, 0, 0xFF, 0xFF);
            assertThat(fed(inflater, first)).isEqualTo(HELLO);
            String dispatch = "{\"op\":0,\"s\":1,\"t\":\"READY\",\"d\":{\"heartbeat_interval\":41250}}";
            // The second message back-references the first: it decodes only with the shared context.
            assertThat(fed(inflater, zlibMessage(deflater, dispatch))).isEqualTo(dispatch);
        }
    }

    @Test
    void zlibStreamBuffersAPayloadSplitOverSeveralMessages() {
        Deflater deflater = new Deflater();
        String big =
                "{\"op\":0,\"s\":2,\"t\":\"GUILD_CREATE\",\"d\":{\"members\":\"" + "abcdefghij".repeat(5000) + "\"}}";
        byte[] whole = zlibMessage(deflater, big);
        int cut1 = whole.length / 3;
        int cut2 = whole.length - 2; // splits the 00 00 FF FF marker itself
        try (TransportInflater inflater = Compression.ZLIB_STREAM.newInflater()) {
            assertThat(inflater.feed(whole, 0, cut1)).isEqualTo(-1);
            assertThat(inflater.feed(whole, cut1, cut2 - cut1)).isEqualTo(-1);
            int n = inflater.feed(whole, cut2, whole.length - cut2);
            assertThat(new String(inflater.output(), 0, n, StandardCharsets.UTF_8))
                    .isEqualTo(big);
        }
    }

    @Test
    void aFreshContextCannotReadTheMiddleOfAnotherStream() {
        Deflater deflater = new Deflater();
        zlibMessage(deflater, HELLO);
        byte[] second = zlibMessage(deflater, HELLO);
        try (TransportInflater inflater = Compression.ZLIB_STREAM.newInflater()) {
            assertThatThrownBy(() -> inflater.feed(second, 0, second.length)).isInstanceOf(PayloadException.class);
        }
    }

    @Test
    void zstdStreamDrainsEachMessageOfANeverEndingFrame() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (TransportInflater inflater = Compression.ZSTD_STREAM.newInflater();
                ZstdOutputStreamNoFinalizer zstd = new ZstdOutputStreamNoFinalizer(sink)) {
            String big =
                    "{\"op\":0,\"s\":1,\"t\":\"GUILD_CREATE\",\"d\":{\"x\":\"" + "0123456789".repeat(20_000) + "\"}}";
            for (String payload : new String[] {HELLO, big, HELLO}) {
                sink.reset();
                zstd.write(payload.getBytes(StandardCharsets.UTF_8));
                zstd.flush();
                assertThat(fed(inflater, sink.toByteArray())).isEqualTo(payload);
            }
        }
    }

    @Test
    void noneCopiesEachMessage() {
        try (TransportInflater inflater = Compression.NONE.newInflater()) {
            assertThat(fed(inflater, HELLO.getBytes(StandardCharsets.UTF_8))).isEqualTo(HELLO);
        }
        assertThat(Compression.NONE.queryValue()).isNull();
        assertThat(Compression.ZLIB_STREAM.queryValue()).isEqualTo("zlib-stream");
        assertThat(Compression.ZSTD_STREAM.queryValue()).isEqualTo("zstd-stream");
    }
}
