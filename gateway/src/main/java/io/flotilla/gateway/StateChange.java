package io.flotilla.gateway;

import io.flotilla.protocol.ShardId;
import java.time.Instant;

/**
 * One transition of a shard's state, as seen by {@link ShardStateListener}s. A value.
 *
 * @param shard the shard
 * @param from the previous state
 * @param to the new state
 * @param at when it happened, on the shard's clock
 * @param reason why, in words for logs and dashboards
 */
public record StateChange(ShardId shard, ShardState from, ShardState to, Instant at, String reason) {}
