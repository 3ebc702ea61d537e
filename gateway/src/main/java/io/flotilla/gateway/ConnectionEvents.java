package io.flotilla.gateway;

import io.flotilla.gateway.policy.ConnectionEnd;
import io.flotilla.protocol.ShardId;
import io.flotilla.protocol.json.Envelope;
import java.time.Duration;

/**
 * What a {@link ShardConnection} and its heartbeat report to the shard that owns them, and the little they read
 * from it. Implemented by the {@link ShardDriver}; every call comes on the shard's event loop.
 */
interface ConnectionEvents {
    ShardId shardId();

    /** The last seq received, for heartbeats. */
    long seq();

    void onPayload(ShardConnection connection, Envelope envelope);

    void onClosed(ShardConnection connection, ConnectionEnd end);

    void latencyMeasured(Duration latency);

    /** The heartbeat found the connection a zombie (no ACK for the last beat); it closes it next. */
    void zombie();
}
