package io.flotilla.cluster.lease;

/**
 * The token a shard's owner holds while it runs the shard: the shard lease key and the value the owner wrote into
 * it ({@code "<nodeId>:<epoch>"}, the epoch from the group's fencing counter). The batch committer's script applies
 * a batch only while {@code GET key} still returns {@code token}, so a stale owner (its lease expired, another node
 * took the shard) cannot commit a single event: Redis itself refuses it. A value.
 *
 * @param key the shard lease key ({@code Keys#shardLease}), or "" for no fence
 * @param token the lease value this owner wrote
 * @param epoch the fencing epoch inside the token; orders the sessions of successive owners
 */
public record ShardFence(String key, String token, long epoch) {
    /** No fence: a single process that owns its shards without leases (tests, benchmarks, a one-node setup). */
    public static final ShardFence NONE = new ShardFence("", "", 0);

    public ShardFence {
        if (key.isEmpty() != token.isEmpty()) {
            throw new IllegalArgumentException("a fence needs both a key and a token, or neither (NONE)");
        }
        if (epoch < 0) {
            throw new IllegalArgumentException("a fence epoch is never negative, was " + epoch);
        }
    }

    /** True when batches are checked against a lease. */
    public boolean fenced() {
        return !key.isEmpty();
    }

    @Override
    public String toString() {
        return fenced() ? "fence[" + key + " = " + token + "]" : "fence[none]";
    }
}
