package io.flotilla.cluster.coordinator;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's loop thread ({@link CoordinatorThreads#loop}), as the coordinator's pieces use it: every step
 * runs there, one at a time, and a step that throws is logged without ending the loop (a scheduled round that threw
 * would never run again). Whatever a step touches is therefore owned by this thread.
 *
 * <p>Thread-safe: any thread may hand it steps; it holds no state of its own besides the scheduler, which its maker
 * shuts down.
 */
final class Loop {
    private static final Logger LOG = LoggerFactory.getLogger(Loop.class);

    private final ScheduledExecutorService scheduler;

    Loop(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** Runs {@code step} now and then {@code every} after each run ends, until the returned future is cancelled. */
    ScheduledFuture<?> every(Duration every, Runnable step) {
        return scheduler.scheduleWithFixedDelay(guarded(step), 0, every.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Runs {@code step} once after {@code delay}.
     *
     * @throws RejectedExecutionException when the loop is shut down
     */
    void after(Duration delay, Runnable step) {
        scheduler.schedule(step, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Runs {@code step} soon; dropped (and logged at debug) when the loop is shut down. */
    void execute(Runnable step) {
        try {
            scheduler.execute(guarded(step));
        } catch (RejectedExecutionException e) {
            LOG.debug("the coordinator's loop is shut down; dropped a step");
        }
    }

    /**
     * Runs {@code step} and waits for it at most {@code timeout} (then logs it as {@code what} and returns). When the
     * loop is shut down the step runs on the caller's thread: nothing else touches the state any more.
     */
    void executeAndWait(Runnable step, Duration timeout, String what) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            scheduler.execute(() -> {
                try {
                    step.run();
                } finally {
                    done.complete(null);
                }
            });
        } catch (RejectedExecutionException e) {
            step.run();
            return;
        }
        try {
            done.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("{} did not finish within {} ms", what, timeout.toMillis());
        }
    }

    private static Runnable guarded(Runnable step) {
        return () -> {
            try {
                step.run();
            } catch (RuntimeException e) {
                LOG.warn("a coordinator step failed; the next round goes on", e);
            }
        };
    }
}
