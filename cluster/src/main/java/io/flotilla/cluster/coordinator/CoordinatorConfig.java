package io.flotilla.cluster.coordinator;

import io.flotilla.cluster.lease.LeaseConfig;
import io.flotilla.cluster.membership.MembershipConfig;
import java.time.Duration;

/**
 * How a node's coordinator runs.
 *
 * @param shardCount the bot's shard count (from SHARD_COUNT or {@code /gateway/bot}); the cluster's must be the same
 * @param maxMovesPerRound how many hand-offs the leader allows at once (balance and drain moves)
 * @param tick how often the loop reads the cluster and acts
 * @param coldStartDelay how long a new leader that finds no assignment at all waits before placing shards, so that
 *     nodes started together share the first placement instead of the first node taking every shard and handing most
 *     off again (Kafka's {@code group.initial.rebalance.delay.ms}); a failover with an assignment in Redis never waits
 * @param expectedNodes how many nodes the operator starts together ({@code EXPECTED_NODES}), or 0 when unknown: a
 *     cold start places shards as soon as that many have joined instead of waiting out {@code coldStartDelay}
 *     (Elasticsearch's {@code gateway.expected_data_nodes}); fewer still get the shards once the delay passed
 * @param handOffTimeout the longest a hand-off may take before the shard is fenced instead (the host bounds its own
 *     commit; this only guards against a host that never completes)
 * @param redisTimeout the longest one Redis read or leader write may take
 * @param leases the leader and shard leases' timing
 * @param membership the node record's timing
 */
public record CoordinatorConfig(
        int shardCount,
        int maxMovesPerRound,
        Duration tick,
        Duration coldStartDelay,
        int expectedNodes,
        Duration handOffTimeout,
        Duration redisTimeout,
        LeaseConfig leases,
        MembershipConfig membership) {

    public CoordinatorConfig {
        if (shardCount < 1) {
            throw new IllegalArgumentException("shard count must be at least 1, got " + shardCount
                    + "; set SHARD_COUNT or let the node read it from /gateway/bot");
        }
        if (maxMovesPerRound < 1) {
            throw new IllegalArgumentException("max moves per round must be at least 1, got " + maxMovesPerRound);
        }
        requirePositive("tick", tick);
        if (coldStartDelay.isNegative()) {
            throw new IllegalArgumentException("coldStartDelay must not be negative, was " + coldStartDelay);
        }
        if (expectedNodes < 0) {
            throw new IllegalArgumentException("expectedNodes must be 0 (unknown) or more, was " + expectedNodes);
        }
        requirePositive("handOffTimeout", handOffTimeout);
        requirePositive("redisTimeout", redisTimeout);
    }

    /**
     * A tick of 500 ms, 2 hand-offs at once, a cold start delay of 2 s, hand-offs bounded by 30 s, the default lease
     * and membership timing. The tick bounds how late the leader notices a dead node's lapsed record and how late the
     * new owner acts on the reassignment: two ticks on top of the 3 s TTL, so with 1 s ticks a failover's worst case
     * was at 5 s; each round costs a few Redis reads per node.
     */
    public static CoordinatorConfig defaults(int shardCount) {
        return new CoordinatorConfig(
                shardCount,
                2,
                Duration.ofMillis(500),
                Duration.ofSeconds(2),
                0,
                Duration.ofSeconds(30),
                Duration.ofMillis(500),
                LeaseConfig.DEFAULTS,
                MembershipConfig.DEFAULTS);
    }

    /** These settings with another tick, cold start delay, and lease and membership timing (tests, tuning). */
    public CoordinatorConfig withTiming(
            Duration tick, Duration coldStartDelay, LeaseConfig leases, MembershipConfig membership) {
        return new CoordinatorConfig(
                shardCount,
                maxMovesPerRound,
                tick,
                coldStartDelay,
                expectedNodes,
                handOffTimeout,
                redisTimeout,
                leases,
                membership);
    }

    /** These settings with the number of nodes a cold start waits for (0: unknown, wait out the delay). */
    public CoordinatorConfig withExpectedNodes(int nodes) {
        return new CoordinatorConfig(
                shardCount,
                maxMovesPerRound,
                tick,
                coldStartDelay,
                nodes,
                handOffTimeout,
                redisTimeout,
                leases,
                membership);
    }

    /** These settings with another shard count. */
    public CoordinatorConfig withShardCount(int count) {
        return new CoordinatorConfig(
                count,
                maxMovesPerRound,
                tick,
                coldStartDelay,
                expectedNodes,
                handOffTimeout,
                redisTimeout,
                leases,
                membership);
    }

    /** These settings with another bound on hand-offs at once. */
    public CoordinatorConfig withMaxMovesPerRound(int moves) {
        return new CoordinatorConfig(
                shardCount,
                moves,
                tick,
                coldStartDelay,
                expectedNodes,
                handOffTimeout,
                redisTimeout,
                leases,
                membership);
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
