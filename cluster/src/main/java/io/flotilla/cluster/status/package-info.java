/**
 * The cluster as an operator sees it: the shard status each node publishes ({@link
 * io.flotilla.cluster.status.ShardStatusPublisher}), the hand-offs it records, a {@link
 * io.flotilla.cluster.status.ClusterSnapshot} read from Redis, and the operator's requests ({@link
 * io.flotilla.cluster.status.ClusterControl}: drain, move) that the coordinators carry out. Reads and requests only:
 * nothing here decides an assignment or touches a lease.
 */
@NullMarked
package io.flotilla.cluster.status;

import org.jspecify.annotations.NullMarked;
