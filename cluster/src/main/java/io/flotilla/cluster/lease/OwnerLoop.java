package io.flotilla.cluster.lease;

import io.flotilla.cluster.ClusterException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a lease owner's work on the scheduler it was given, so that one thread owns the owner's state. A call
 * from another thread is handed to the scheduler and waited for; a call made on the scheduler itself (a listener
 * that releases a lease from its callback) runs inline instead of deadlocking. A task that throws is logged and
 * the schedule goes on.
 *
 * <p>The scheduler must run one task at a time (a single-threaded {@link ScheduledExecutorService}).
 */
final class OwnerLoop {
    private static final Logger LOG = LoggerFactory.getLogger(OwnerLoop.class);

    private final ScheduledExecutorService scheduler;
    private final String name;
    private volatile @Nullable Thread thread;

    OwnerLoop(ScheduledExecutorService scheduler, String name) {
        this.scheduler = scheduler;
        this.name = name;
    }

    /** Runs {@code task} every {@code period}, the first time now. */
    ScheduledFuture<?> every(Duration period, Runnable task) {
        return scheduler.scheduleWithFixedDelay(guarded(task), 0, period.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Runs {@code task} once after {@code delay}; false when the scheduler is shut down. */
    boolean after(Duration delay, Runnable task) {
        try {
            scheduler.schedule(guarded(task), delay.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Runs {@code task} on the loop and returns its result, waiting at most {@code timeout}. */
    <T> T call(Callable<T> task, Duration timeout) {
        if (Thread.currentThread() == thread) {
            return callInline(task);
        }
        Future<T> result;
        try {
            result = scheduler.submit(() -> {
                thread = Thread.currentThread();
                return task.call();
            });
        } catch (RejectedExecutionException e) {
            throw new ClusterException(ClusterException.Kind.CLOSED, name + ": its scheduler is shut down", e);
        }
        try {
            return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException(ClusterException.Kind.INTERRUPTED, name + ": interrupted", e);
        } catch (TimeoutException e) {
            throw new ClusterException(
                    ClusterException.Kind.REDIS_UNAVAILABLE,
                    name + ": no answer within " + timeout.toMillis() + " ms",
                    e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(name + " failed", e.getCause());
        }
    }

    private static <T> T callInline(Callable<T> task) {
        try {
            return task.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Runnable guarded(Runnable task) {
        return () -> {
            thread = Thread.currentThread();
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("{}: a scheduled step failed; the next one goes on", name, e);
            }
        };
    }
}
