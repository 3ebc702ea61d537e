package io.flotilla.node.metrics;

import io.flotilla.cluster.adapter.CommittingDispatchSink;
import io.flotilla.cluster.commit.BatchCommitter;
import io.flotilla.cluster.commit.CommitCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/**
 * Binds what the committer and the sink already count ({@link CommitCounters}, pending bytes, queued batches,
 * backpressure pauses) as function counters and gauges: read at each scrape, never counted twice. Binds once;
 * holds no state.
 */
final class CommitMeters {
    private CommitMeters() {}

    static void bind(MeterRegistry registry, BatchCommitter committer, CommittingDispatchSink sink) {
        CommitCounters counters = committer.counters();
        batches(registry, counters, "applied", CommitCounters::applied);
        batches(registry, counters, "duplicate", CommitCounters::duplicates);
        batches(registry, counters, "fenced", CommitCounters::fenced);
        FunctionCounter.builder("flotilla.commit.lost.writes", counters, c -> c.lostWrites())
                .description("times Redis held a session behind what it had acknowledged (the shard resumed)")
                .register(registry);
        FunctionCounter.builder("flotilla.commit.sessions.lost", counters, c -> c.sessionsLost())
                .description("times Redis held no record of a live session (the shard identified anew)")
                .register(registry);
        FunctionCounter.builder("flotilla.gaps", counters, c -> c.gaps())
                .description("gap records written: sessions that ended losing events (each is in the gap stream)")
                .register(registry);
        FunctionCounter.builder("flotilla.redis.errors", counters, c -> c.errorReplies())
                .description("Redis commands of the event path that failed: error replies (reply) or rounds lost"
                        + " to a timeout or a broken connection (connection); all retried")
                .tag("kind", "reply")
                .register(registry);
        FunctionCounter.builder("flotilla.redis.errors", counters, c -> c.failedRounds())
                .description("Redis commands of the event path that failed: error replies (reply) or rounds lost"
                        + " to a timeout or a broken connection (connection); all retried")
                .tag("kind", "connection")
                .register(registry);
        FunctionCounter.builder("flotilla.backpressure.pauses", sink, s -> s.pauses())
                .description("times a shard stopped reading its socket because its commits lagged")
                .register(registry);
        Gauge.builder("flotilla.commit.pending", committer, c -> c.pendingBytes())
                .description("uncommitted dispatch bytes held by the node")
                .baseUnit("bytes")
                .register(registry);
        Gauge.builder("flotilla.commit.queued", committer, c -> c.queuedBatches())
                .description("batches waiting in the commit lanes")
                .register(registry);
    }

    private static void batches(
            MeterRegistry registry, CommitCounters counters, String outcome, ToDoubleFunction<CommitCounters> read) {
        FunctionCounter.builder("flotilla.commit.batches", counters, read)
                .description("batches the commit script answered, by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }
}
