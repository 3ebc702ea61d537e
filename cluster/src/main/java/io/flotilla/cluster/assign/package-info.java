/**
 * Shard placement as a pure function (ARCHITECTURE.md "Coordination"): {@link io.flotilla.cluster.assign.Assignor}
 * turns the shard count, the live nodes, the current assignment and what each node reports running into the next
 * assignment and the moves that lead there. No Redis, no clock, no threads: the leader reads the inputs, calls it,
 * and writes the result.
 */
@NullMarked
package io.flotilla.cluster.assign;

import org.jspecify.annotations.NullMarked;
