/** Leases with fencing epochs: who may run a shard, who leads the group. */
@NullMarked
package io.flotilla.cluster.lease;

import org.jspecify.annotations.NullMarked;
