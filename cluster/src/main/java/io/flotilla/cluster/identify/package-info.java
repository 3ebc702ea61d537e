/**
 * Identify, cluster-wide (GATEWAY.md 8 and 14.6): {@link io.flotilla.cluster.identify.IdentifyPlan} (pure: the
 * buckets and rounds of a cold start, and whether it fits the day's session-start budget),
 * {@link io.flotilla.cluster.identify.IdentifyTurns} (one identify per bucket per window across every node, earlier
 * rounds first, the budget decremented in the same Redis script that takes the slot) and
 * {@link io.flotilla.cluster.identify.RedisIdentifyBudget} (the budget seen at {@code /gateway/bot}, kept in Redis).
 * The gateway's {@code IdentifyGate} port on top of it is {@code io.flotilla.cluster.adapter.RedisIdentifyGate}.
 */
@NullMarked
package io.flotilla.cluster.identify;

import org.jspecify.annotations.NullMarked;
