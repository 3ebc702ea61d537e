package io.flotilla.fake.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.ZstdDecompressCtx;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

class PayloadWriterTest {

    private static final String FIRST = "{\"op\":10,\"d\":{\"heartbeat_interval\":41250}}";
    private static final String SECOND = "{\"op\":0,\"s\":1,\"t\":\"READY\",\"d\":{\"v\":10}}";

    @Test
    void noneWritesTextFrames() {
        EmbeddedChannel channel = new EmbeddedChannel();
        PayloadWriter writer = PayloadWriter.create(Compression.NONE, false);

        writer.write(channel, json(FIRST));
        channel.flush();

        TextWebSocketFrame frame = channel.readOutbound();
        assertThat(frame.text()).isEqualTo(FIRST);
        frame.release();
    }

    @Test
    void zlibStreamSharesOneContextAndEndsEachPayloadWithSyncFlush() throws Exception {
        for (boolean split : new boolean[] {false, true}) {
            EmbeddedChannel channel = new EmbeddedChannel();
            PayloadWriter writer = PayloadWriter.create(Compression.ZLIB_STREAM, split);
            writer.write(channel, json(FIRST));
            writer.write(channel, json(SECOND));
            channel.flush();

            List<byte[]> messages = binaryMessages(channel);
            assertThat(messages).hasSize(split ? 6 : 2);
            Inflater inflater = new Inflater();
            List<String> payloads = new ArrayList<>();
            ByteArrayOutputStream pending = new ByteArrayOutputStream();
            for (byte[] message : messages) {
                pending.writeBytes(message);
                byte[] all = pending.toByteArray();
                if (endsWithSyncFlush(all)) {
                    pending.reset();
                    inflater.setInput(all);
                    byte[] out = new byte[4096];
                    int n = inflater.inflate(out);
                    payloads.add(new String(out, 0, n, StandardCharsets.UTF_8));
                }
            }
            assertThat(payloads).containsExactly(FIRST, SECOND);
            writer.close();
        }
    }

    @Test
    void zstdStreamFlushesEachPayloadIntoOneMessageOfANeverEndingFrame() {
        EmbeddedChannel channel = new EmbeddedChannel();
        PayloadWriter writer = PayloadWriter.create(Compression.ZSTD_STREAM, false);
        writer.write(channel, json(FIRST));
        writer.write(channel, json(SECOND));
        channel.flush();

        List<byte[]> messages = binaryMessages(channel);
        assertThat(messages).hasSize(2);
        try (ZstdDecompressCtx context = new ZstdDecompressCtx()) {
            List<String> payloads = new ArrayList<>();
            for (byte[] message : messages) {
                ByteBuffer src =
                        ByteBuffer.allocateDirect(message.length).put(message).flip();
                ByteBuffer dst = ByteBuffer.allocateDirect(4096);
                boolean frameEnded = context.decompressDirectByteBufferStream(dst, src);
                assertThat(frameEnded).isFalse();
                dst.flip();
                byte[] out = new byte[dst.remaining()];
                dst.get(out);
                payloads.add(new String(out, StandardCharsets.UTF_8));
            }
            assertThat(payloads).containsExactly(FIRST, SECOND);
        }
        writer.close();
    }

    private static ByteBuf json(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }

    private static List<byte[]> binaryMessages(EmbeddedChannel channel) {
        List<byte[]> messages = new ArrayList<>();
        WebSocketFrame frame;
        while ((frame = channel.readOutbound()) != null) {
            assertThat(frame).isInstanceOf(BinaryWebSocketFrame.class);
            byte[] bytes = new byte[frame.content().readableBytes()];
            frame.content().readBytes(bytes);
            frame.release();
            messages.add(bytes);
        }
        return messages;
    }

    private static boolean endsWithSyncFlush(byte[] all) {
        int n = all.length;
        return n >= 4 && all[n - 4] == 0 && all[n - 3] == 0 && all[n - 2] == (byte) 0xff && all[n - 1] == (byte) 0xff;
    }
}
