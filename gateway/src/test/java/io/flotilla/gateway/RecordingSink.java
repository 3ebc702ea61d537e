package io.flotilla.gateway;

import io.flotilla.protocol.ShardId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DispatchSink} for tests: records every dispatch's (session, seq, type). With a capacity it behaves like
 * a slow consumer: it commits one dispatch per {@code commitEveryMillis} on its own thread, reports "full" once
 * {@code capacity} are uncommitted, and resumes the shard's reading when half of them are committed. A flush
 * reports the last offered seq as committed, or fewer ({@link #lagBehind}), or never answers.
 */
final class RecordingSink implements DispatchSink, AutoCloseable {
    /** One received dispatch. */
    record Received(ShardId shard, String sessionId, long seq, String type, String data) {}

    private final List<Received> received = new ArrayList<>();
    private final List<Duration> flushTimeouts = new ArrayList<>();
    private final int capacity;
    private final @Nullable ScheduledExecutorService committer;
    private int uncommitted;
    private int maxUncommitted;
    private int fullReports;
    private @Nullable ShardFeedback pendingResume;
    private final Map<ShardId, ShardFeedback> feedback = new HashMap<>();
    private final Map<ShardId, Long> lastSeq = new HashMap<>();
    private long lagBehind;
    private boolean flushNeverAnswers;

    private RecordingSink(int capacity, long commitEveryMillis) {
        this.capacity = capacity;
        if (capacity == Integer.MAX_VALUE) {
            committer = null;
        } else {
            committer = Executors.newSingleThreadScheduledExecutor();
            var unused = committer.scheduleAtFixedRate(
                    this::commitOne, commitEveryMillis, commitEveryMillis, TimeUnit.MILLISECONDS);
        }
    }

    static RecordingSink unbounded() {
        return new RecordingSink(Integer.MAX_VALUE, 0);
    }

    static RecordingSink slow(int capacity, long commitEveryMillis) {
        return new RecordingSink(capacity, commitEveryMillis);
    }

    @Override
    public synchronized boolean offer(Dispatch dispatch, ShardFeedback shardFeedback) {
        received.add(new Received(
                dispatch.shard(), dispatch.sessionId(), dispatch.seq(), dispatch.type(), dispatch.dataText()));
        feedback.put(dispatch.shard(), shardFeedback);
        lastSeq.put(dispatch.shard(), dispatch.seq());
        if (capacity == Integer.MAX_VALUE) {
            return true;
        }
        uncommitted++;
        maxUncommitted = Math.max(maxUncommitted, uncommitted);
        if (uncommitted >= capacity) {
            fullReports++;
            pendingResume = shardFeedback;
            return false;
        }
        return true;
    }

    private void commitOne() {
        ShardFeedback resume = null;
        synchronized (this) {
            if (uncommitted > 0) {
                uncommitted--;
            }
            if (pendingResume != null && uncommitted <= capacity / 2) {
                resume = pendingResume;
                pendingResume = null;
            }
        }
        if (resume != null) {
            resume.resumeReading();
        }
    }

    @Override
    public synchronized CompletionStage<Long> flush(ShardId shard, Duration timeout) {
        flushTimeouts.add(timeout);
        if (flushNeverAnswers) {
            return new CompletableFuture<>();
        }
        uncommitted = 0;
        return CompletableFuture.completedFuture(lastSeq.getOrDefault(shard, -1L) - lagBehind);
    }

    /** From now on a flush reports a committed seq {@code events} behind the last one offered (a partial commit). */
    synchronized void lagBehind(long events) {
        lagBehind = events;
    }

    /** From now on a flush never completes (a broken sink): the hand-off must still complete. */
    synchronized void flushNeverAnswers() {
        flushNeverAnswers = true;
    }

    /** The feedback the shard passed with its last dispatch. */
    synchronized ShardFeedback feedback(ShardId shard) {
        return java.util.Objects.requireNonNull(feedback.get(shard), "no dispatch from " + shard + " yet");
    }

    synchronized List<Duration> flushTimeouts() {
        return List.copyOf(flushTimeouts);
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    synchronized List<Received> of(String sessionId) {
        return received.stream().filter(r -> r.sessionId().equals(sessionId)).toList();
    }

    synchronized List<Long> seqs(String sessionId) {
        return of(sessionId).stream().map(Received::seq).toList();
    }

    synchronized List<String> types() {
        return new ArrayList<>(received.stream().map(Received::type).toList());
    }

    synchronized int maxUncommitted() {
        return maxUncommitted;
    }

    synchronized int fullReports() {
        return fullReports;
    }

    @Override
    public void close() {
        if (committer != null) {
            committer.shutdownNow();
        }
    }
}
