package io.flotilla.fake.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

/**
 * Turns one gateway payload into WebSocket frames for one connection, keeping that connection's compression
 * context (GATEWAY.md 9). Owned by the connection and used only on its event loop, because a compression
 * stream is order-sensitive and not thread-safe.
 */
public interface PayloadWriter extends AutoCloseable {

    /** Writes the JSON payload as one or more frames without flushing; always releases {@code json}. */
    void write(Channel channel, ByteBuf json);

    /** Frees the compression context. Idempotent. */
    @Override
    void close();

    /** A writer for the compression a connection asked for; {@code splitZlib} splits each zlib payload. */
    static PayloadWriter create(Compression compression, boolean splitZlib) {
        return switch (compression) {
            case NONE -> new TextPayloadWriter();
            case ZLIB_STREAM -> new ZlibPayloadWriter(splitZlib);
            case ZSTD_STREAM -> new ZstdPayloadWriter();
        };
    }
}
