package io.flotilla.protocol.compress;

import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import io.flotilla.protocol.json.PayloadException;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * zstd-stream transport compression (GATEWAY.md section 9): one streaming decompression context for the whole
 * connection. Each message holds one payload but the zstd frame never ends, so decompression runs until the input
 * is consumed and the output drained, never waiting for an end of frame. Owned by one connection; not
 * thread-safe.
 *
 * <p>zstd-jni streams only between direct buffers; they are allocated on the first message and the input one
 * grows with the largest message seen.
 */
final class ZstdStreamInflater implements TransportInflater {
    private static final int CHUNK = 16 * 1024;

    private final ReusableBuffer out = new ReusableBuffer();
    private @Nullable ZstdDecompressCtx context;
    private @Nullable ByteBuffer source;
    private @Nullable ByteBuffer target;

    @Override
    public int feed(byte[] data, int offset, int length) {
        ZstdDecompressCtx zstd = context;
        ByteBuffer dst = target;
        if (zstd == null || dst == null) {
            zstd = new ZstdDecompressCtx();
            dst = ByteBuffer.allocateDirect(CHUNK);
            context = zstd;
            target = dst;
        }
        ByteBuffer src = source;
        if (src == null || src.capacity() < length) {
            src = ByteBuffer.allocateDirect(Math.max(CHUNK, length));
            source = src;
        }
        src.clear();
        src.put(data, offset, length).flip();
        out.reset();
        try {
            while (true) {
                dst.clear();
                zstd.decompressDirectByteBufferStream(dst, src);
                dst.flip();
                int produced = dst.remaining();
                out.ensureRoom(produced);
                dst.get(out.array(), out.length(), produced);
                out.setLength(out.length() + produced);
                boolean outputFull = produced == dst.capacity();
                if (!src.hasRemaining() && !outputFull) {
                    break;
                }
            }
        } catch (ZstdException e) {
            throw new PayloadException("zstd-stream data is corrupt: " + e.getMessage(), e);
        }
        return out.length();
    }

    @Override
    public byte[] output() {
        return out.array();
    }

    @Override
    public void close() {
        ZstdDecompressCtx zstd = context;
        if (zstd != null) {
            zstd.close();
            context = null;
        }
        source = null;
        target = null;
        out.reset();
    }
}
