package io.flotilla.protocol.compress;

/**
 * Turns the WebSocket messages of one connection into complete JSON payloads. One instance per connection, used
 * by that connection's thread only; {@link #close()} frees native memory and must be called when the connection
 * ends.
 *
 * <p>The returned payload lives in {@link #output()}, which the next {@link #feed} overwrites.
 */
public interface TransportInflater extends AutoCloseable {
    /**
     * Feeds one WebSocket message.
     *
     * @return the length of a complete payload now at the start of {@link #output()}, or -1 when the payload
     *     continues in a later message
     * @throws io.flotilla.protocol.json.PayloadException if the stream is corrupt; the connection must be dropped
     */
    int feed(byte[] data, int offset, int length);

    /** The buffer holding the last complete payload. */
    byte[] output();

    @Override
    void close();
}
