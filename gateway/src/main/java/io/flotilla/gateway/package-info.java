/**
 * One shard's connection to the Discord gateway (GATEWAY.md sections 5 to 9): {@link io.flotilla.gateway.Shard},
 * its state machine and the ports it talks to ({@link io.flotilla.gateway.IdentifyGate},
 * {@link io.flotilla.gateway.SessionStore}, {@link io.flotilla.gateway.DispatchSink}). Knows nothing of Redis.
 */
@NullMarked
package io.flotilla.gateway;

import org.jspecify.annotations.NullMarked;
