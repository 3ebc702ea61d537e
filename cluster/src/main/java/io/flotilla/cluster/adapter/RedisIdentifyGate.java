package io.flotilla.cluster.adapter;

import io.flotilla.cluster.identify.IdentifyTurns;
import io.flotilla.gateway.IdentifyGate;
import io.flotilla.protocol.ShardId;
import java.util.concurrent.CompletableFuture;

/**
 * The gateway's {@link IdentifyGate} port, paced across all nodes by {@link IdentifyTurns} (Redis). Thread-safe.
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
