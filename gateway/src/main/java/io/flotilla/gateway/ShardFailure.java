package io.flotilla.gateway;

import io.flotilla.protocol.CloseCode;
import io.flotilla.protocol.ShardId;
import org.jspecify.annotations.Nullable;

/**
 * Why a shard FAILED: the message (the cause and the fix, never a secret) and the fatal close code, if one was the
 * cause. A value.
 *
 * @param shard the shard that failed
 * @param message the cause and the fix
 * @param close the close code that stopped it, or null (for instance stopped with the rest of its group)
 */
public record ShardFailure(
        ShardId shard, String message, @Nullable CloseCode close) {
    /** True when the cause concerns the token or the application, so every other shard would fail the same way. */
    public boolean applicationWide() {
        return close != null && close.scope() == CloseCode.Scope.APPLICATION;
    }
}
