package io.flotilla.cluster.lease;

import java.util.Objects;

/**
 * What a shard's commits carry so that Redis refuses a stale owner's batches: the commit script applies a batch
 * only while {@code GET key == token} (contracts.md, "Shard fence").
 *
 * @param key the shard's lease key, {@code g:cluster:<group>:shard:<id>:lease}; empty for {@link #NONE}
 * @param token the lease's value, {@code <nodeId>:<epoch>}
 * @param epoch the epoch the token carries, from {@code INCR g:cluster:<group>:epoch}
 */
public record ShardFence(String key, String token, long epoch) {
    /** No fence check (a single process, tests). */
    public static final ShardFence NONE = new ShardFence("", "", 0);

    public ShardFence {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(token, "token");
    }

    /** True for {@link #NONE}: commit without checking the lease. */
    public boolean none() {
        return key.isEmpty();
    }
}
