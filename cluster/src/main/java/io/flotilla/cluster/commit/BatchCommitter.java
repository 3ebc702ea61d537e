package io.flotilla.cluster.commit;

import io.flotilla.cluster.cache.EntityCache;
import io.flotilla.cluster.lease.ShardFence;
import io.flotilla.worker.Keys;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Commits the dispatches of all shards on this node to Redis (ARCHITECTURE.md "Data flow of one dispatch"):
 * each shard gets a {@link ShardBatcher}; its batches go to one of a few {@link CommitLane}s (shard {@code s}
 * to lane {@code s % lanes}), each a thread with its own connection, so a thousand shards need only a few
 * connections and one shard's batches commit in order. Each batch is one script call that Redis itself decides
 * ({@link CommitScript}): under the shard's fence, after the stored seq of the same session, never over a newer
 * session. The node-wide {@link DispatchBudget} and the lanes' health pause every shard at once.
 *
 * <p>Connections are made without Lettuce's auto-reconnect: Lettuce would replay the unanswered commands of a
 * half-sent round on a connection the lane gave up on. Lanes reconnect themselves and send the unresolved
 * batches again; the script makes that safe.
 *
 * <p>Thread-safe. Owned by the node; {@link #close} stops the lanes after they committed what they hold.
 */
public final class BatchCommitter implements AutoCloseable {
    /** The lanes' connections' codec; a commit call's reply is decoded with it too. */
    static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final CommitterConfig config;
    private final RedisClient client;
    private final List<CommitLane> lanes = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final InstantSource clock;
    private final DispatchBudget budget;
    private final ReentrantLock blockedLock = new ReentrantLock();
    private volatile boolean blocked; // the budget is spent or a lane cannot reach Redis; recomputed on each flip
    private final CommitCounters counters = new CommitCounters();

    public BatchCommitter(RedisURI redis, Keys keys, CommitterConfig config, EntityCache cache, InstantSource clock) {
        this(redis, keys, config, cache, clock, CommitListener.NONE);
    }

    /** @param listener told what was written, on the lane threads (metrics) */
    public BatchCommitter(
            RedisURI redis,
            Keys keys,
            CommitterConfig config,
            EntityCache cache,
            InstantSource clock,
            CommitListener listener) {
        this(redis, keys, config, cache, clock, listener, LanePause.THREAD_SLEEP);
    }

    BatchCommitter(
            RedisURI redis,
            Keys keys,
            CommitterConfig config,
            EntityCache cache,
            InstantSource clock,
            LanePause pause) {
        this(redis, keys, config, cache, clock, CommitListener.NONE, pause);
    }

    BatchCommitter(
            RedisURI redis,
            Keys keys,
            CommitterConfig config,
            EntityCache cache,
            InstantSource clock,
            CommitListener listener,
            LanePause pause) {
        this.config = config;
        this.clock = clock;
        this.budget = new DispatchBudget(config.maxPendingBytes(), config.resumeBelowBytes(), this::nodeChanged);
        this.client = RedisClient.create(redis);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(
                        SocketOptions.builder().connectTimeout(config.timeout()).build())
                .timeoutOptions(TimeoutOptions.enabled(config.timeout()))
                .build());
        BatchTransaction transaction = new BatchTransaction(keys, config, cache, clock);
        for (int i = 0; i < config.lanes(); i++) {
            CommitLane lane = new CommitLane(
                    i, client, CODEC, config, cache, transaction, counters, listener, pause, this::nodeChanged);
            lanes.add(lane);
            threads.add(Thread.ofPlatform()
                    .name("flotilla-commit-lane-" + i)
                    .daemon(true)
                    .start(lane));
        }
    }

    /** An unfenced batcher that ignores the committer's feedback (tests and benchmarks of the committer alone). */
    public ShardBatcher open(int shard, int shardTotal, Backpressure backpressure) {
        return open(shard, shardTotal, backpressure, ShardFence.NONE, CommitFeedback.IGNORE);
    }

    /**
     * The batcher of one shard for one ownership term; the shard's thread adds its dispatches to it.
     *
     * @param shardTotal the shard count of the session, stored with it
     * @param backpressure told when the shard must stop and may resume reading
     * @param fence the lease the shard runs under; Redis refuses its batches once the lease holds another token
     * @param feedback told when Redis's answer means the shard must resume, identify or stop
     */
    public ShardBatcher open(
            int shard, int shardTotal, Backpressure backpressure, ShardFence fence, CommitFeedback feedback) {
        if (shard < 0 || shard >= shardTotal) {
            throw new IllegalArgumentException("shard " + shard + " is outside 0.." + (shardTotal - 1));
        }
        CommitLane lane = lanes.get(shard % lanes.size());
        ShardPressure pressure =
                new ShardPressure(config.pauseAbove(), config.resumeBelow(), this::nodeBlocked, backpressure);
        ShardBatcher batcher =
                new ShardBatcher(shard, shardTotal, config, fence, lane, pressure, feedback, budget, clock);
        lane.attach(batcher);
        return batcher;
    }

    /** What the lanes saw (verdicts, error replies). */
    public CommitCounters counters() {
        return counters;
    }

    /** Uncommitted dispatch bytes held by the node now, and the most ever held. */
    public long pendingBytes() {
        return budget.held();
    }

    public long peakPendingBytes() {
        return budget.peak();
    }

    /** Asked on every dispatch of a shard near its pause: one volatile read, not one per lane and the budget. */
    private boolean nodeBlocked() {
        return blocked;
    }

    /** The budget or a lane's health flipped: every shard of the node re-decides whether it reads. */
    private void nodeChanged() {
        // Under the lock, a flip's recomputation cannot be overwritten by an older one that read the state before it.
        blockedLock.lock();
        try {
            blocked = budget.exhausted() || !healthy();
        } finally {
            blockedLock.unlock();
        }
        for (CommitLane lane : lanes) {
            lane.shards().forEach(ShardBatcher::evaluatePressure);
        }
    }

    /** Forgets a shard that stopped (after its last flush committed). */
    public void release(ShardBatcher batcher) {
        lanes.get(batcher.shard() % lanes.size()).detach(batcher);
    }

    /** Batches waiting in all lanes (for metrics). */
    public int queuedBatches() {
        return lanes.stream().mapToInt(CommitLane::queued).sum();
    }

    /** True when every lane reached Redis on its last attempt. */
    public boolean healthy() {
        for (CommitLane lane : lanes) { // no stream: every dispatch of a shard near its pause asks
            if (!lane.healthy()) {
                return false;
            }
        }
        return true;
    }

    /** Stops taking batches, waits up to {@code grace} for the lanes to commit what they hold, then stops them. */
    public void close(Duration grace) {
        lanes.forEach(CommitLane::stop);
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread thread : threads) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
                    thread.interrupt();
                    thread.join(Duration.ofSeconds(5));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                threads.forEach(Thread::interrupt);
                break;
            }
        }
        client.shutdown();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
