/**
 * The SDK for backend workers and the single source of the Redis layout ({@link io.flotilla.worker.Keys}):
 * reading event streams with consumer groups, sending gateway commands to the shard that owns a guild, and
 * reading the entity cache. Knows nothing of the cluster that writes these keys.
 */
@NullMarked
package io.flotilla.worker;

import org.jspecify.annotations.NullMarked;
