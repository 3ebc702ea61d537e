package io.flotilla.node.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.cluster.status.ClusterSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The cache on a fake clock, its reads on a queue the test runs by hand (so "in flight" is a state it can hold). */
class SnapshotCacheTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final InstantSource clock = now::get;
    private final Queue<Runnable> reads = new ArrayDeque<>();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicReference<@Nullable RuntimeException> failing = new AtomicReference<>();
    private final SnapshotCache cache = new SnapshotCache(this::read, reads::add, clock);

    private ClusterSnapshot read() {
        started.incrementAndGet();
        RuntimeException failure = failing.get();
        if (failure != null) {
            throw failure;
        }
        return new ClusterSnapshot("g", now.get(), 0, null, List.of(), List.of(), null, List.of(), List.of());
    }

    private void advance(long millis) {
        now.set(now.get().plus(Duration.ofMillis(millis)));
    }

    private void runReads() {
        while (!reads.isEmpty()) {
            reads.remove().run();
        }
    }

    @Test
    void askersWithinHalfASecondShareOneReadAndTheReadRunsOnTheExecutor() {
        CompletableFuture<ClusterSnapshot> first = cache.get().toCompletableFuture();
        advance(100);
        CompletableFuture<ClusterSnapshot> second = cache.get().toCompletableFuture();
        assertThat(first).isNotDone(); // nothing ran on the caller's thread
        runReads();
        advance(300);
        CompletableFuture<ClusterSnapshot> third = cache.get().toCompletableFuture();
        assertThat(started).hasValue(1);
        assertThat(first.join()).isSameAs(second.join()).isSameAs(third.join());
    }

    @Test
    void aReadStillUnderWayIsSharedEvenWhenItTakesLongerThanThePeriod() {
        CompletableFuture<ClusterSnapshot> slow = cache.get().toCompletableFuture();
        advance(3_000);
        CompletableFuture<ClusterSnapshot> later = cache.get().toCompletableFuture();
        runReads();
        assertThat(started).hasValue(1);
        assertThat(later.join()).isSameAs(slow.join());
    }

    @Test
    void afterThePeriodTheNextAskerStartsAFreshRead() {
        ClusterSnapshot first = getNow();
        advance(SnapshotCache.FRESH.toMillis());
        ClusterSnapshot second = getNow();
        assertThat(started).hasValue(2);
        assertThat(second).isNotSameAs(first);
        assertThat(second.readAt()).isAfter(first.readAt());
    }

    @Test
    void aFailedReadIsKeptForThePeriodTooThenRetried() {
        failing.set(new IllegalStateException("Redis did not answer"));
        CompletableFuture<ClusterSnapshot> failed = cache.get().toCompletableFuture();
        runReads();
        assertThat(failed).isCompletedExceptionally();
        advance(200);
        assertThat(cache.get().toCompletableFuture()).isCompletedExceptionally();
        assertThat(started).hasValue(1);
        failing.set(null);
        advance(300);
        assertThat(getNow().group()).isEqualTo("g");
        assertThat(started).hasValue(2);
    }

    @Test
    void aCallerCancellingItsStageDoesNotSpoilTheSharedRead() {
        cache.get().toCompletableFuture().cancel(true);
        CompletableFuture<ClusterSnapshot> other = cache.get().toCompletableFuture();
        runReads();
        assertThat(other.join().group()).isEqualTo("g");
    }

    private ClusterSnapshot getNow() {
        CompletableFuture<ClusterSnapshot> next = cache.get().toCompletableFuture();
        runReads();
        return next.join();
    }
}
