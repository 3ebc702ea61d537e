package io.flotilla.cluster.identify;

import io.flotilla.gateway.IdentifyGate;
import io.flotilla.protocol.ShardId;
import java.util.concurrent.CompletableFuture;

/**
 * The gateway's {@link IdentifyGate} port, paced across all nodes by {@link IdentifyTurns} (Redis). The only class
 * of this package that imports the gateway; it belongs with the other adapters once those have their own package.
 * Thread-safe.
 */
public final class RedisIdentifyGate implements IdentifyGate {
    private final IdentifyTurns turns;

    public RedisIdentifyGate(IdentifyTurns turns) {
        this.turns = turns;
    }

    @Override
    public CompletableFuture<Void> acquire(ShardId shard) {
        return turns.acquire(shard.id());
    }
}
