package io.flotilla.cluster.command;

import java.nio.charset.StandardCharsets;

/**
 * A validated command for one shard. A value.
 *
 * @param shard the shard that sends it
 * @param op the opcode (3, 4, 8 or 31)
 * @param payload the whole payload to send, {@code {"op":..,"d":..}}, at most 4096 bytes, written by
 *     {@link io.flotilla.protocol.json.GatewayCommand}'s JSON generator
 * @param entryId the command stream entry it came from ("" when made by the node itself)
 */
@SuppressWarnings("ArrayRecordComponent") // built once, never changed
public record Command(int shard, int op, byte[] payload, String entryId) {

    /** The payload as text (logs, tests). */
    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
