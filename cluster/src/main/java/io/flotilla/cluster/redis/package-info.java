/**
 * Small Redis helpers shared by the cluster's coordination packages (membership, leases): waiting for a Lettuce
 * reply with a timeout and turning its failure into a {@link io.flotilla.cluster.ClusterException}. No state.
 */
@NullMarked
package io.flotilla.cluster.redis;

import org.jspecify.annotations.NullMarked;
