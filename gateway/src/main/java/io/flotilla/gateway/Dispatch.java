package io.flotilla.gateway;

import io.flotilla.protocol.ShardId;
import java.nio.charset.StandardCharsets;

/**
 * One dispatch (op 0) as handed to a {@link DispatchSink}. A view: {@code frame} is the connection's reused
 * buffer, valid only during {@link DispatchSink#offer}; copy d with {@link #copyData()} to keep it.
 *
 * @param shard the shard that received it
 * @param sessionId the session it belongs to
 * @param seq its sequence number (replayed events keep their original one, GATEWAY.md section 5.7)
 * @param type the event name, e.g. MESSAGE_CREATE
 * @param frame the buffer holding the payload
 * @param dataOffset where d starts in frame
 * @param dataLength d's length in bytes
 */
@SuppressWarnings("ArrayRecordComponent") // a zero-copy view by design
public record Dispatch(
        ShardId shard, String sessionId, long seq, String type, byte[] frame, int dataOffset, int dataLength) {
    public byte[] copyData() {
        byte[] copy = new byte[dataLength];
        System.arraycopy(frame, dataOffset, copy, 0, dataLength);
        return copy;
    }

    public String dataText() {
        return new String(frame, dataOffset, dataLength, StandardCharsets.UTF_8);
    }
}
