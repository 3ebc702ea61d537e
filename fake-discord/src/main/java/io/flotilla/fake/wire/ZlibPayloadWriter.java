package io.flotilla.fake.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import java.util.zip.Deflater;

/**
 * zlib-stream transport compression (GATEWAY.md 9): ONE {@link Deflater} per connection with the zlib header
 * (not nowrap), each payload ended with SYNC_FLUSH so it ends in {@code 00 00 ff ff}. With splitting on, each
 * compressed payload goes out as up to three BINARY messages, which clients must reassemble. Level 1
 * (BEST_SPEED): the fake is a load generator, and clients cannot tell levels apart (measured: a third more
 * dispatches per CPU-second than the default level, for about a third more bytes).
 */
// Frame writes use the void promise: a failed write closes the channel.
@SuppressWarnings("FutureReturnValueIgnored")
final class ZlibPayloadWriter implements PayloadWriter {

    private static final int SCRATCH_BYTES = 64 * 1024;

    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED, false);
    private final byte[] scratch = new byte[SCRATCH_BYTES];
    private final boolean split;
    private boolean closed;

    ZlibPayloadWriter(boolean split) {
        this.split = split;
    }

    @Override
    public void write(Channel channel, ByteBuf json) {
        ByteBuf out;
        try {
            deflater.setInput(json.nioBuffer());
            out = channel.alloc().buffer(json.readableBytes() / 2 + 16);
            int written;
            do {
                written = deflater.deflate(scratch, 0, scratch.length, Deflater.SYNC_FLUSH);
                out.writeBytes(scratch, 0, written);
            } while (written == scratch.length || !deflater.needsInput());
        } finally {
            json.release();
        }
        if (!split || out.readableBytes() < 3) {
            channel.write(new BinaryWebSocketFrame(out), channel.voidPromise());
            return;
        }
        int third = out.readableBytes() / 3;
        channel.write(new BinaryWebSocketFrame(out.retainedSlice(out.readerIndex(), third)), channel.voidPromise());
        channel.write(
                new BinaryWebSocketFrame(out.retainedSlice(out.readerIndex() + third, third)), channel.voidPromise());
        out.skipBytes(2 * third);
        channel.write(new BinaryWebSocketFrame(out), channel.voidPromise());
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            deflater.end();
        }
    }
}
