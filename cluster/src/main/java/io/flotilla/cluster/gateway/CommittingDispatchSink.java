package io.flotilla.cluster.gateway;

import io.flotilla.cluster.commit.BatchCommitter;
import io.flotilla.cluster.commit.ShardBatcher;
import io.flotilla.gateway.Dispatch;
import io.flotilla.gateway.DispatchSink;
import io.flotilla.gateway.ShardFeedback;
import io.flotilla.protocol.ShardId;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The gateway's {@link DispatchSink} on the {@link BatchCommitter}: each dispatch is copied out of the
 * connection's buffer and added to its shard's batcher; {@link #offer} says false while the committer wants the
 * shard paused, and the shard's {@code resumeReading} runs once when it may read again.
 *
 * <p>Thread-safe; {@link #offer} runs on shard event loops and never blocks (a short lock in the batcher).
 */
public final class CommittingDispatchSink implements DispatchSink {
    private final class ShardEntry {
        final ShardBatcher batcher;
        final AtomicReference<@Nullable ShardFeedback> resume = new AtomicReference<>();

        ShardEntry(ShardId shard) {
            this.batcher = committer.open(shard.id(), shard.total(), this::pressureChanged);
        }

        private void pressureChanged(boolean paused) {
            if (!paused) {
                ShardFeedback feedback = resume.getAndSet(null);
                if (feedback != null) {
                    feedback.resumeReading();
                }
            }
        }
    }

    private final BatchCommitter committer;
    private final InstantSource clock;
    private final BiConsumer<ShardId, Dispatch> observer;
    private final Map<ShardId, ShardEntry> shards = new ConcurrentHashMap<>();

    /** @param observer sees each dispatch during {@link #offer} (e.g. the member chunker); must not block */
    public CommittingDispatchSink(
            BatchCommitter committer, InstantSource clock, BiConsumer<ShardId, Dispatch> observer) {
        this.committer = committer;
        this.clock = clock;
        this.observer = observer;
    }

    @Override
    public boolean offer(Dispatch dispatch, ShardFeedback feedback) {
        ShardEntry entry = shards.computeIfAbsent(dispatch.shard(), ShardEntry::new);
        entry.batcher.add(new io.flotilla.cluster.commit.Dispatch(
                dispatch.seq(), dispatch.sessionId(), dispatch.type(), dispatch.copyData(), clock.millis()));
        observer.accept(dispatch.shard(), dispatch);
        if (!entry.batcher.paused()) {
            return true;
        }
        entry.resume.set(feedback);
        if (!entry.batcher.paused() && entry.resume.getAndSet(null) != null) {
            return true; // resumed meanwhile, and nobody ran the callback: keep reading
        }
        return false;
    }

    @Override
    public CompletionStage<Long> flush(ShardId shard, Duration timeout) {
        ShardEntry entry = shards.get(shard);
        if (entry == null) {
            return CompletableFuture.completedFuture(-1L);
        }
        ShardBatcher batcher = entry.batcher;
        // Never fails: on a timeout (or a closed committer) it reports what is committed by then.
        return batcher.flush()
                .copy()
                .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
                .exceptionally(error -> batcher.committedSeq());
    }

    /** Forgets a shard that stopped here (after its last {@link #flush}), so a later start begins afresh. */
    public void release(ShardId shard) {
        ShardEntry entry = shards.remove(shard);
        if (entry != null) {
            committer.release(entry.batcher);
        }
    }

    /** The batcher of a shard that has offered dispatches, for metrics; null before its first dispatch. */
    public @Nullable ShardBatcher batcher(ShardId shard) {
        ShardEntry entry = shards.get(shard);
        return entry == null ? null : entry.batcher;
    }
}
