/**
 * The node's metrics on Micrometer's Prometheus registry ({@link io.flotilla.node.metrics.NodeMetrics}): counters
 * the cluster and gateway already keep are bound as function counters and gauges; what they do not keep is
 * counted here from the listener ports ({@code CommitListener}, {@code ShardObserver}, the dispatch observer).
 * Labels are bounded: a series carries a shard or an event type, never both. The per-event path only increments
 * a counter found in a map by its event name (no tag lookup, no allocation). The only module that knows Micrometer.
 */
@NullMarked
package io.flotilla.node.metrics;

import org.jspecify.annotations.NullMarked;
