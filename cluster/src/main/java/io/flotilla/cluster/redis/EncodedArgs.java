package io.flotilla.cluster.redis;

import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * A command's arguments already in RESP ({@link RespBuffer}s, written in order): Lettuce's event loop copies
 * their bytes into its buffer and does nothing else per argument. Lettuce may encode a command again (a reconnect
 * replays what it had not written), so the buffers are never changed once here.
 *
 * <p>Its text form names only how many arguments and bytes it holds: a commit's arguments carry events and a
 * fence token, which have no place in a log line. Immutable.
 */
public final class EncodedArgs extends CommandArgs<String, byte[]> {
    private final List<RespBuffer> parts;
    private final int count;
    private final int size;

    public EncodedArgs(RedisCodec<String, byte[]> codec, List<RespBuffer> parts) {
        super(codec);
        this.parts = List.copyOf(parts);
        int arguments = 0;
        int bytes = 0;
        for (RespBuffer part : this.parts) {
            arguments += part.count();
            bytes += part.size();
        }
        this.count = arguments;
        this.size = bytes;
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public void encode(ByteBuf buf) {
        buf.ensureWritable(size);
        for (RespBuffer part : parts) {
            part.writeTo(buf);
        }
    }

    @Override
    public String toString() {
        return "[" + count + " arguments, " + size + " bytes, pre-encoded]";
    }

    @Override
    public String toCommandString() {
        return toString();
    }
}
