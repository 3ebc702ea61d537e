package io.flotilla.fake.wire;

import com.github.luben.zstd.EndDirective;
import com.github.luben.zstd.ZstdCompressCtx;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import java.nio.ByteBuffer;

/**
 * zstd-stream transport compression (GATEWAY.md 9): one zstd streaming context per connection; each payload is
 * flushed (never ended) into exactly one BINARY message, so the zstd frame spans the whole connection.
 */
// Frame writes use the void promise: a failed write closes the channel.
@SuppressWarnings("FutureReturnValueIgnored")
final class ZstdPayloadWriter implements PayloadWriter {

    private static final int SCRATCH_BYTES = 128 * 1024;

    private final ZstdCompressCtx context = new ZstdCompressCtx().setLevel(3);
    private final ByteBuffer source = ByteBuffer.allocateDirect(SCRATCH_BYTES);
    private final ByteBuffer target = ByteBuffer.allocateDirect(SCRATCH_BYTES);
    private boolean closed;

    @Override
    public void write(Channel channel, ByteBuf json) {
        ByteBuf out = channel.alloc().buffer(json.readableBytes() / 2 + 16);
        try {
            while (json.isReadable()) {
                source.clear();
                int chunk = Math.min(source.capacity(), json.readableBytes());
                json.readBytes(source.limit(chunk));
                source.flip();
                boolean last = !json.isReadable();
                boolean done;
                do {
                    target.clear();
                    done = context.compressDirectByteBufferStream(
                            target, source, last ? EndDirective.FLUSH : EndDirective.CONTINUE);
                    target.flip();
                    out.writeBytes(target);
                } while (source.hasRemaining() || (last && !done));
            }
        } catch (RuntimeException e) {
            out.release();
            throw e;
        } finally {
            json.release();
        }
        channel.write(new BinaryWebSocketFrame(out), channel.voidPromise());
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            context.close();
        }
    }
}
