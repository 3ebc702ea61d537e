package io.flotilla.fake.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EnvelopeTest {

    private final UnpooledByteBufAllocator alloc = UnpooledByteBufAllocator.DEFAULT;

    @Test
    void dispatchConcatenatesTheRawData() {
        ByteBuf out = Envelope.dispatch(alloc, 1234567890123L, "MESSAGE_CREATE", bytes("{\"id\":\"1\"}"));

        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"op\":0,\"s\":1234567890123,\"t\":\"MESSAGE_CREATE\",\"d\":{\"id\":\"1\"}}");
        out.release();
    }

    @Test
    void writesSmallNumbersAndControlPayloads() {
        assertThat(text(Envelope.dispatch(alloc, 0, "A", bytes("null")))).startsWith("{\"op\":0,\"s\":0,");
        assertThat(text(Envelope.dispatch(alloc, 9, "A", bytes("null")))).startsWith("{\"op\":0,\"s\":9,");
        assertThat(text(Envelope.dispatch(alloc, 10, "A", bytes("null")))).startsWith("{\"op\":0,\"s\":10,");
        assertThat(text(Envelope.hello(alloc, 41250)))
                .isEqualTo("{\"op\":10,\"d\":{\"heartbeat_interval\":41250},\"s\":null,\"t\":null}");
        assertThat(text(Envelope.invalidSession(alloc, false))).contains("\"op\":9,\"d\":false");
        assertThat(text(Envelope.heartbeatAck(alloc))).startsWith("{\"op\":11");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(ByteBuf buf) {
        String text = buf.toString(StandardCharsets.UTF_8);
        buf.release();
        return text;
    }
}
