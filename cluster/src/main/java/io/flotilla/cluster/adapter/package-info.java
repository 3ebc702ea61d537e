/**
 * The gateway's ports implemented on the Redis stores, and the only package that imports the gateway: dispatches
 * and session ends go to the batch committer (with its
 * backpressure), worker commands go to a shard's send queue, large guilds get their members requested.
 */
@NullMarked
package io.flotilla.cluster.adapter;

import org.jspecify.annotations.NullMarked;
