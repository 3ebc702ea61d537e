package io.flotilla.fake.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/**
 * Uncompressed payloads as TEXT frames, which every client library requires (CLIENT-REQUIREMENTS 0.3). When the
 * payload has {@link Envelope#HEADROOM} free bytes in front (every {@link Envelope} payload does), the frame
 * header (RFC 6455 5.2: FIN + text opcode, unmasked length) is written there and the buffer goes out as raw
 * bytes, past Netty's frame encoder, which would copy small payloads once more.
 */
// Frame writes use the void promise: a failed write closes the channel.
@SuppressWarnings("FutureReturnValueIgnored")
final class TextPayloadWriter implements PayloadWriter {

    @Override
    public void write(Channel channel, ByteBuf json) {
        int length = json.readableBytes();
        int headerBytes = length < 126 ? 2 : length < 65_536 ? 4 : 10;
        int start = json.readerIndex() - headerBytes;
        if (start < 0) {
            channel.write(new TextWebSocketFrame(json), channel.voidPromise());
            return;
        }
        json.setByte(start, 0x81);
        if (headerBytes == 2) {
            json.setByte(start + 1, length);
        } else if (headerBytes == 4) {
            json.setByte(start + 1, 126);
            json.setShort(start + 2, length);
        } else {
            json.setByte(start + 1, 127);
            json.setLong(start + 2, length);
        }
        channel.write(json.readerIndex(start), channel.voidPromise());
    }

    @Override
    public void close() {}
}
