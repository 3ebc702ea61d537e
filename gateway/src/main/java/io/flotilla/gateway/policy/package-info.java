/**
 * The pure decision logic of a shard: reconnect backoff, the per-connection send budget and heartbeat/zombie
 * tracking. No I/O and no threads; time comes in as arguments so each class is tested on a fake clock.
 */
@NullMarked
package io.flotilla.gateway.policy;

import org.jspecify.annotations.NullMarked;
