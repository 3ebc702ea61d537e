package io.flotilla.gateway;

import io.flotilla.protocol.compress.TransportInflater;
import io.flotilla.protocol.json.Envelope;
import io.flotilla.protocol.json.EnvelopeDecoder;
import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * Turns one connection's WebSocket messages into envelopes: feeds the transport inflater (a fresh one per
 * connection, so its context is never reused: GATEWAY.md section 14 item 8) and decodes each complete payload.
 * Copies a direct buffer into a scratch array, kept while it stays small. Owned by one {@link ShardConnection};
 * its event loop only.
 */
final class InboundMessages {
    private static final byte[] EMPTY = new byte[0];

    private final TransportInflater inflater;
    private final EnvelopeDecoder decoder;
    private byte[] scratch = EMPTY;

    InboundMessages(TransportInflater inflater, EnvelopeDecoder decoder) {
        this.inflater = inflater;
        this.decoder = decoder;
    }

    /** The envelope this message completes, or null when the transport stream needs more messages. */
    @Nullable
    Envelope next(ByteBuf content) {
        int length = content.readableBytes();
        byte[] bytes;
        int offset;
        if (content.hasArray()) {
            bytes = content.array();
            offset = content.arrayOffset() + content.readerIndex();
        } else {
            if (scratch.length < length) {
                scratch = new byte[Math.max(length, 4096)];
            }
            content.getBytes(content.readerIndex(), scratch, 0, length);
            bytes = scratch;
            offset = 0;
        }
        int payload = inflater.feed(bytes, offset, length);
        if (scratch.length > 64 * 1024) {
            scratch = EMPTY;
        }
        return payload >= 0 ? decoder.decode(inflater.output(), 0, payload) : null;
    }

    void close() {
        inflater.close();
    }
}
