package io.flotilla.protocol.compress;

/**
 * No transport compression: each WebSocket message is one payload. Copies it into a reused buffer so callers see
 * the same contract as the inflaters. Owned by one connection.
 */
final class PlainPayloads implements TransportInflater {
    private final ReusableBuffer out = new ReusableBuffer();

    @Override
    public int feed(byte[] data, int offset, int length) {
        out.reset();
        out.append(data, offset, length);
        return length;
    }

    @Override
    public byte[] output() {
        return out.array();
    }

    @Override
    public void close() {
        out.reset();
    }
}
