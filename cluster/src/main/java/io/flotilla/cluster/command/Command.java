package io.flotilla.cluster.command;

import java.nio.charset.StandardCharsets;

/**
 * A validated command for one shard. A value.
 *
 * @param shard the shard that sends it
 * @param op the opcode (3, 4, 8 or 31)
 * @param payload the whole payload to send, {@code {"op":..,"d":..}}, at most 4096 bytes
 * @param entryId the command stream entry it came from ("" when made by the node itself)
 */
@SuppressWarnings("ArrayRecordComponent") // built once, never changed
public record Command(int shard, int op, byte[] payload, String entryId) {

    /** Wraps {@code d} (raw JSON) into the payload. */
    static Command of(int shard, int op, String data, String entryId) {
        byte[] payload = ("{\"op\":" + op + ",\"d\":" + data + "}").getBytes(StandardCharsets.UTF_8);
        return new Command(shard, op, payload, entryId);
    }

    /** The payload as text (logs, tests). */
    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
