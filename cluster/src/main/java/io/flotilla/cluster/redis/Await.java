package io.flotilla.cluster.redis;

import io.flotilla.cluster.ClusterException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one way the cluster's blocking callers wait for a Redis reply: bounded by a timeout, the interrupt flag
 * restored, every failure a {@link ClusterException} that says what was being done. Never used on an event loop.
 */
public final class Await {
    private Await() {}

    /**
     * Waits for {@code reply} at most {@code timeout}.
     *
     * @param what what the reply is for, for the message ("committing a batch of shard 3")
     * @throws ClusterException {@code REDIS_UNAVAILABLE} on an error reply or a timeout, {@code INTERRUPTED} when
     *     interrupted (the flag is set again)
     */
    public static <T> T reply(Future<T> reply, Duration timeout, String what) {
        try {
            return reply.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException(ClusterException.Kind.INTERRUPTED, "interrupted while " + what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ClusterException(
                    ClusterException.Kind.REDIS_UNAVAILABLE, "Redis failed while " + what + ": " + cause, cause);
        } catch (TimeoutException e) {
            reply.cancel(false);
            throw new ClusterException(
                    ClusterException.Kind.REDIS_UNAVAILABLE,
                    "Redis did not answer within " + timeout.toMillis() + " ms while " + what,
                    e);
        }
    }
}
