/**
 * The batch committer: a shard's dispatches go to Redis in batches, each one MULTI/EXEC holding the XADDs to
 * the event streams, the cache writes and the session's seq, committed in order per shard and acknowledged
 * only after EXEC. Committer lanes share a few connections among many shards; backpressure stops a shard's
 * reading while Redis is slow or down.
 */
@NullMarked
package io.flotilla.cluster.commit;

import org.jspecify.annotations.NullMarked;
