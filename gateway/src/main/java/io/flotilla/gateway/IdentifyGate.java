package io.flotilla.gateway;

import io.flotilla.protocol.ShardId;
import java.util.concurrent.CompletableFuture;

/**
 * Port: the cluster-wide pacing of identifies (GATEWAY.md sections 8 and 14 item 6): at most one identify per
 * bucket {@code shard_id % max_concurrency} per 5 s, across every node of the bot.
 *
 * <p>Contract: {@link #acquire} returns at once and completes, on any thread, when the shard may send its identify;
 * the slot is then used up for the bucket's window whether or not the identify succeeds. The shard may cancel the
 * future (when it stops while waiting); the gate must then not count the slot, or may count it, but must not fail.
 */
public interface IdentifyGate {
    CompletableFuture<Void> acquire(ShardId shard);
}
