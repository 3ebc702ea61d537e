/**
 * The gateway's ports implemented on the Redis stores: dispatches go to the batch committer (with its
 * backpressure), worker commands go to a shard's send queue, large guilds get their members requested.
 */
@NullMarked
package io.flotilla.cluster.gateway;

import org.jspecify.annotations.NullMarked;
