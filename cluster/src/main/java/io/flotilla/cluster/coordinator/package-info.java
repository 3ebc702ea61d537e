/**
 * The coordinator: one loop per node that turns the cluster's state in Redis into what the node runs, in Kafka's
 * coordinator style (decide, write, apply). The decisions are values computed by pure code: {@link
 * io.flotilla.cluster.coordinator.LeaderRound} (the leader's assignment writes) and {@link
 * io.flotilla.cluster.coordinator.NodeRound} (what this node starts, hands off, releases or fences). {@link
 * io.flotilla.cluster.coordinator.Coordinator} is the lifecycle (join, drain, leave); each round ({@code Rounds})
 * reads Redis, writes the leader's decision under its term ({@code Leading}), then applies the node's decision
 * ({@code NodeActions}) through the {@link io.flotilla.cluster.coordinator.ShardHost} port, which the node implements
 * with real gateway shards. A shard is started only after its lease was taken, and a lease is released only after its
 * shard was handed off or fenced, so no shard ever has two live owners.
 */
@NullMarked
package io.flotilla.cluster.coordinator;

import org.jspecify.annotations.NullMarked;
