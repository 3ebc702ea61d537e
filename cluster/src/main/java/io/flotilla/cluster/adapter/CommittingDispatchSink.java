package io.flotilla.cluster.adapter;

import io.flotilla.cluster.commit.BatchCommitter;
import io.flotilla.cluster.commit.CommitFeedback;
import io.flotilla.cluster.commit.SessionEndMark;
import io.flotilla.cluster.commit.ShardBatcher;
import io.flotilla.cluster.lease.ShardFence;
import io.flotilla.gateway.Dispatch;
import io.flotilla.gateway.DispatchSink;
import io.flotilla.gateway.SessionEnd;
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
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The gateway's {@link DispatchSink} on the {@link BatchCommitter}: each dispatch is copied out of the
 * connection's buffer and added to its shard's batcher, under the fence the node holds for the shard; {@link
 * #offer} says false while the committer wants the shard paused. What Redis answers comes back to the shard through
 * its {@link ShardFeedback}: read again, resume from the stored seq (Redis lost writes), identify anew (Redis lost
 * the session). A session's end goes through the same batcher ({@link #end}), so one writer owns the session hash.
 *
 * <p>Thread-safe; {@link #offer} runs on shard event loops and never blocks (a short lock in the batcher).
 */
public final class CommittingDispatchSink implements DispatchSink {
    private final class ShardEntry implements CommitFeedback {
        final ShardId shard;
        final ShardBatcher batcher;
        final AtomicReference<@Nullable ShardFeedback> paused = new AtomicReference<>();
        volatile @Nullable ShardFeedback feedback;

        ShardEntry(ShardId shard) {
            this.shard = shard;
            this.batcher = committer.open(shard.id(), shard.total(), this::pressureChanged, fences.apply(shard), this);
        }

        private void pressureChanged(boolean nowPaused) {
            if (nowPaused) {
                pauses.increment();
            } else {
                ShardFeedback waiting = paused.getAndSet(null);
                if (waiting != null) {
                    waiting.resumeReading();
                }
            }
        }

        @Override
        public void continueFrom(String sessionId, long seq) {
            ShardFeedback current = feedback;
            if (current != null) {
                current.continueFrom(sessionId, seq);
            }
        }

        @Override
        public void sessionLost(String sessionId) {
            ShardFeedback current = feedback;
            if (current != null) {
                current.sessionLost(sessionId);
            }
        }

        @Override
        public void fenced(String why) {
            onFenced.accept(shard, why);
        }
    }

    private final BatchCommitter committer;
    private final InstantSource clock;
    private final BiConsumer<ShardId, Dispatch> observer;
    private final Function<ShardId, ShardFence> fences;
    private final BiConsumer<ShardId, String> onFenced;
    private final Map<ShardId, ShardEntry> shards = new ConcurrentHashMap<>();
    private final LongAdder pauses = new LongAdder();

    /** An unfenced sink (one process owns its shards): a fenced batch can only mean a newer session elsewhere. */
    public CommittingDispatchSink(
            BatchCommitter committer, InstantSource clock, BiConsumer<ShardId, Dispatch> observer) {
        this(committer, clock, observer, shard -> ShardFence.NONE, (shard, why) -> {});
    }

    /**
     * @param observer sees each dispatch during {@link #offer} (e.g. the member chunker); must not block
     * @param fences the fence the node holds for a shard, asked when the shard's first dispatch or end arrives
     * @param onFenced told (on a lane thread) when Redis refused a shard's batch because another owner holds it
     */
    public CommittingDispatchSink(
            BatchCommitter committer,
            InstantSource clock,
            BiConsumer<ShardId, Dispatch> observer,
            Function<ShardId, ShardFence> fences,
            BiConsumer<ShardId, String> onFenced) {
        this.committer = committer;
        this.clock = clock;
        this.observer = observer;
        this.fences = fences;
        this.onFenced = onFenced;
    }

    @Override
    public boolean offer(Dispatch dispatch, ShardFeedback feedback) {
        ShardEntry entry = entry(dispatch.shard());
        entry.feedback = feedback;
        entry.batcher.add(new io.flotilla.cluster.commit.Dispatch(
                dispatch.seq(), dispatch.sessionId(), dispatch.type(), dispatch.copyData(), clock.millis()));
        observer.accept(dispatch.shard(), dispatch);
        if (!entry.batcher.paused()) {
            return true;
        }
        entry.paused.set(feedback);
        if (!entry.batcher.paused() && entry.paused.getAndSet(null) != null) {
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

    /** Ends a session after the shard's dispatches so far: the session hash's one writer, with its gap record. */
    public CompletionStage<Void> end(ShardId shard, SessionEnd end) {
        entry(shard)
                .batcher
                .end(new SessionEndMark(
                        end.sessionId(),
                        end.lastReceivedSeq(),
                        end.reason().name(),
                        end.reason().gap()));
        return CompletableFuture.completedFuture(null);
    }

    /** Forgets a shard that stopped here (after its last {@link #flush}), so a later start begins afresh. */
    public void release(ShardId shard) {
        ShardEntry entry = shards.remove(shard);
        if (entry != null) {
            committer.release(entry.batcher);
        }
    }

    /** Times a shard was told to stop reading (backpressure: its commits lag, or the node is blocked). */
    public long pauses() {
        return pauses.sum();
    }

    /** The batcher of a shard that has offered dispatches, for metrics; null before its first dispatch. */
    public @Nullable ShardBatcher batcher(ShardId shard) {
        ShardEntry entry = shards.get(shard);
        return entry == null ? null : entry.batcher;
    }

    private ShardEntry entry(ShardId shard) {
        return shards.computeIfAbsent(shard, ShardEntry::new);
    }
}
