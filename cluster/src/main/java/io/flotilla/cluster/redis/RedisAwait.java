package io.flotilla.cluster.redis;

import io.flotilla.cluster.ClusterException;
import io.lettuce.core.RedisException;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The one way the cluster's blocking callers wait for a Lettuce reply, at most a given time (committer lanes,
 * membership and lease owners on their own threads; never a Netty event loop): the interrupt flag restored, every
 * failure a {@link ClusterException} that says what was being done.
 *
 * <p>Stateless; call from any thread that may block.
 */
public final class RedisAwait {
    private RedisAwait() {}

    /**
     * Issues a call and waits for its reply: like {@link #await}, and a call that fails before it is sent (a closed
     * connection) is a {@code REDIS_UNAVAILABLE} too.
     */
    public static <T> T call(Supplier<? extends CompletionStage<T>> call, Duration timeout, String what) {
        CompletionStage<T> reply;
        try {
            reply = call.get();
        } catch (RedisException e) {
            throw new ClusterException(ClusterException.Kind.REDIS_UNAVAILABLE, "Redis failed " + what + ": " + e, e);
        }
        return await(reply, timeout, what);
    }

    /**
     * The reply's value.
     *
     * @param what what the call does, for the message ("renewing the leader lease")
     * @throws ClusterException {@code REDIS_UNAVAILABLE} when Redis failed or did not answer within
     *     {@code timeout}, {@code INTERRUPTED} (with the interrupt flag set again) when the thread was interrupted
     */
    public static <T> T await(CompletionStage<T> reply, Duration timeout, String what) {
        try {
            return reply.toCompletableFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException(ClusterException.Kind.INTERRUPTED, "interrupted " + what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ClusterException(
                    ClusterException.Kind.REDIS_UNAVAILABLE, "Redis failed " + what + ": " + cause, cause);
        } catch (TimeoutException e) {
            reply.toCompletableFuture().cancel(false);
            throw new ClusterException(
                    ClusterException.Kind.REDIS_UNAVAILABLE,
                    "Redis did not answer within " + timeout.toMillis() + " ms " + what,
                    e);
        }
    }
}
