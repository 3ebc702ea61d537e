package io.flotilla.fake.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/** Uncompressed payloads as TEXT frames, which every client library requires (CLIENT-REQUIREMENTS 0.3). */
// Frame writes use the void promise: a failed write closes the channel.
@SuppressWarnings("FutureReturnValueIgnored")
final class TextPayloadWriter implements PayloadWriter {

    @Override
    public void write(Channel channel, ByteBuf json) {
        channel.write(new TextWebSocketFrame(json), channel.voidPromise());
    }

    @Override
    public void close() {}
}
