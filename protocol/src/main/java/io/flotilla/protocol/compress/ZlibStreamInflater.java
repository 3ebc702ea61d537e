package io.flotilla.protocol.compress;

import io.flotilla.protocol.json.PayloadException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.jspecify.annotations.Nullable;

/**
 * zlib-stream transport compression (GATEWAY.md section 9): one {@link Inflater} for the whole connection;
 * messages are buffered until the input ends with the Z_SYNC_FLUSH marker {@code 00 00 FF FF}, then inflated
 * through the shared context. Owned by one connection; not thread-safe.
 */
final class ZlibStreamInflater implements TransportInflater {
    private final ReusableBuffer in = new ReusableBuffer();
    private final ReusableBuffer out = new ReusableBuffer();
    /** Created on the first message, so an unused connection holds no native zlib state. */
    private @Nullable Inflater inflater;

    @Override
    public int feed(byte[] data, int offset, int length) {
        in.append(data, offset, length);
        if (!endsWithSyncFlush()) {
            return -1;
        }
        Inflater zlib = inflater;
        if (zlib == null) {
            zlib = new Inflater();
            inflater = zlib;
        }
        zlib.setInput(in.array(), 0, in.length());
        out.reset();
        try {
            while (true) {
                out.ensureRoom(Math.max(1024, in.length() * 4));
                byte[] target = out.array();
                int produced = zlib.inflate(target, out.length(), target.length - out.length());
                out.setLength(out.length() + produced);
                if (zlib.needsInput() && out.length() < target.length) {
                    break;
                }
                if (zlib.finished() || zlib.needsDictionary()) {
                    throw new PayloadException("zlib-stream ended or asked for a dictionary; the stream is corrupt");
                }
            }
        } catch (DataFormatException e) {
            throw new PayloadException("zlib-stream data is corrupt: " + e.getMessage(), e);
        } finally {
            in.reset();
        }
        return out.length();
    }

    private boolean endsWithSyncFlush() {
        int n = in.length();
        byte[] b = in.array();
        return n >= 4 && b[n - 4] == 0 && b[n - 3] == 0 && b[n - 2] == (byte) 0xFF && b[n - 1] == (byte) 0xFF;
    }

    @Override
    public byte[] output() {
        return out.array();
    }

    @Override
    public void close() {
        Inflater zlib = inflater;
        if (zlib != null) {
            zlib.end();
            inflater = null;
        }
        in.reset();
        out.reset();
    }
}
