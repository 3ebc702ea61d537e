/**
 * Leases with fencing epochs, in Redis: the group's leader ({@link io.flotilla.cluster.lease.LeaderLease}),
 * leader writes that Redis refuses from an older term ({@link io.flotilla.cluster.lease.FencedHash}), and the
 * shard leases a node must hold to run a shard ({@link io.flotilla.cluster.lease.ShardLeases}). One counter per
 * group ({@code INCR g:cluster:<group>:epoch}) issues every epoch; a counter seen going backwards means Redis
 * lost state ({@link io.flotilla.cluster.lease.EpochRegressedException}). Time is injected; nothing here sleeps.
 */
@NullMarked
package io.flotilla.cluster.lease;

import org.jspecify.annotations.NullMarked;
