package io.flotilla.node.http;

import io.flotilla.cluster.status.ClusterSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The cluster as last read from Redis, shared by every asker: a read starts at most once per {@link #FRESH} (and
 * never while one is under way), however many browsers poll {@code /api/cluster}. The read runs on the given
 * executor, never the caller's thread (the HTTP loop). A failed read is kept as long as a good one, so a Redis
 * outage costs one attempt per period too.
 *
 * <p>Thread-safe: one lock guards the last read and when it started; the lock is never held during a read.
 */
public final class SnapshotCache {
    /** How long a read answers every asker. */
    public static final Duration FRESH = Duration.ofMillis(500);

    private final Supplier<ClusterSnapshot> read;
    private final Executor executor;
    private final InstantSource clock;
    private @Nullable CompletableFuture<ClusterSnapshot> last;
    private Instant lastStarted = Instant.EPOCH;

    /**
     * @param read reads the cluster now (blocking; may throw when Redis fails)
     * @param executor where reads run
     */
    public SnapshotCache(Supplier<ClusterSnapshot> read, Executor executor, InstantSource clock) {
        this.read = read;
        this.executor = executor;
        this.clock = clock;
    }

    /** The read under way, or the last one when it started less than {@link #FRESH} ago, else a new one. */
    public synchronized CompletionStage<ClusterSnapshot> get() {
        Instant now = clock.instant();
        CompletableFuture<ClusterSnapshot> current = last;
        if (current != null && (!current.isDone() || now.isBefore(lastStarted.plus(FRESH)))) {
            return current.copy(); // a caller's cancel or obtrude cannot spoil the shared read
        }
        CompletableFuture<ClusterSnapshot> next;
        try {
            next = CompletableFuture.supplyAsync(read, executor);
        } catch (RuntimeException e) { // the executor refused: the node is closing
            next = CompletableFuture.failedFuture(e);
        }
        last = next;
        lastStarted = now;
        return next.copy();
    }
}
