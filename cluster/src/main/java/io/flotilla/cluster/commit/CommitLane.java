package io.flotilla.cluster.commit;

import io.flotilla.cluster.ClusterException;
import io.flotilla.cluster.cache.EntityCache;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.RedisCodec;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One committer lane: a thread and a Redis connection of its own, shared by the shards pinned to it. A Lettuce
 * transaction needs a connection no other thread uses meanwhile, so only this thread writes on it. Each round
 * the lane takes the waiting batches, pipelines {@code MULTI ... EXEC} for each (cache reads go out first and
 * queue behind the earlier EXECs on the same connection, so they see them; see {@link RoundSegments}), then waits for the replies in order
 * and acknowledges each batch whose EXEC succeeded.
 *
 * <p>On any failure the connection is dropped; the batches not acknowledged are kept, in order, and retried on a
 * new connection after a backoff, first asking Redis which of them did commit before the connection broke
 * (the session's stored seq, see {@link BatchTransaction#alreadyCommitted}). Nothing is dropped.
 */
final class CommitLane implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(CommitLane.class);
    private static final long IDLE_POLL_MS = 100;

    private final int index;
    private final RedisClient client;
    private final RedisCodec<String, byte[]> codec;
    private final CommitterConfig config;
    private final EntityCache cache;
    private final BatchTransaction transaction;

    // Shards with dispatches waiting; a shard is in here at most once (see ShardBatcher#take).
    private final LinkedBlockingQueue<ShardBatcher> queue = new LinkedBlockingQueue<>();
    private final ArrayDeque<Batch> retry = new ArrayDeque<>();
    private volatile boolean healthy = true;
    private volatile boolean stopping;
    private @Nullable StatefulRedisConnection<String, byte[]> connection;
    private final List<ShardBatcher> shards = new java.util.concurrent.CopyOnWriteArrayList<>();

    CommitLane(
            int index,
            RedisClient client,
            RedisCodec<String, byte[]> codec,
            CommitterConfig config,
            EntityCache cache,
            BatchTransaction transaction) {
        this.index = index;
        this.client = client;
        this.codec = codec;
        this.config = config;
        this.cache = cache;
        this.transaction = transaction;
    }

    void attach(ShardBatcher shard) {
        shards.add(shard);
    }

    void detach(ShardBatcher shard) {
        shards.remove(shard);
    }

    void schedule(ShardBatcher shard) {
        queue.add(shard);
    }

    boolean healthy() {
        return healthy;
    }

    int queued() {
        return queue.size() + retry.size();
    }

    void stop() {
        stopping = true;
    }

    @Override
    public void run() {
        List<Batch> round = new ArrayList<>(config.maxRound());
        int failures = 0;
        while (true) {
            round.clear();
            boolean afterFailure = !retry.isEmpty();
            if (afterFailure) {
                round.addAll(retry);
                retry.clear();
            } else if (!takeRound(round)) {
                if (stopping && queue.isEmpty()) {
                    break;
                }
                continue;
            }
            try {
                StatefulRedisConnection<String, byte[]> redis = connect();
                if (afterFailure) {
                    transaction.acknowledgeCommitted(round, redis);
                }
                commit(round, redis);
                failures = 0;
                setHealthy(true);
            } catch (RuntimeException e) {
                failures++;
                round.stream().filter(batch -> !batch.isDone()).forEach(retry::add);
                disconnect();
                setHealthy(false);
                LOG.warn(
                        "lane {}: committing {} batches failed (attempt {}), retrying on a new connection: {}",
                        index,
                        retry.size(),
                        failures,
                        e.toString());
                if (!backoff(failures)) {
                    break;
                }
            }
        }
        failLeftovers();
        disconnect();
    }

    /** Takes the next batch of each waiting shard, up to a round's worth; false when none came. */
    private boolean takeRound(List<Batch> round) {
        try {
            ShardBatcher next = queue.poll(IDLE_POLL_MS, TimeUnit.MILLISECONDS);
            while (next != null) {
                Batch batch = next.take(config.maxBatch());
                if (batch != null) {
                    round.add(batch);
                }
                next = round.size() < config.maxRound() ? queue.poll() : null;
            }
            return !round.isEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
            return false;
        }
    }

    /** Pipelines every batch of the round, then acknowledges them in order as their EXEC replies arrive. */
    private void commit(List<Batch> round, StatefulRedisConnection<String, byte[]> redis) {
        List<BatchTransaction.Sent> sent = RoundSegments.send(round, transaction, redis);
        for (BatchTransaction.Sent one : sent) {
            for (RedisFuture<?> pending : one.prepared().pending()) {
                await(pending, "merging users");
            }
            TransactionResult result = await(
                    one.exec(),
                    "committing a batch of shard " + one.batch().shard.shard());
            transaction.check(one.batch(), result);
            one.batch().shard.committed(one.batch());
        }
    }

    private StatefulRedisConnection<String, byte[]> connect() {
        StatefulRedisConnection<String, byte[]> current = connection;
        if (current != null && current.isOpen()) {
            return current;
        }
        StatefulRedisConnection<String, byte[]> opened = client.connect(codec);
        connection = opened;
        cache.connected(opened);
        // From here on the lane decides when bytes go out: one write per batch instead of one per command.
        opened.setAutoFlushCommands(false);
        return opened;
    }

    private void disconnect() {
        StatefulRedisConnection<String, byte[]> current = connection;
        connection = null;
        if (current != null) {
            try {
                current.close();
            } catch (RuntimeException e) {
                LOG.debug("lane {}: closing a broken connection failed: {}", index, e.toString());
            }
        }
    }

    private void setHealthy(boolean now) {
        if (healthy != now) {
            healthy = now;
            LOG.info("lane {}: Redis {}", index, now ? "answers again" : "is unreachable; its shards pause");
            shards.forEach(ShardBatcher::evaluatePressure);
        }
    }

    /** Sleeps before a retry; false when the lane should give up (it is stopping and was interrupted). */
    private boolean backoff(int failures) {
        long delay = Math.min(config.retryMax().toMillis(), config.retryMin().toMillis() << Math.min(failures - 1, 16));
        try {
            Thread.sleep(Duration.ofMillis(delay));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void failLeftovers() {
        boolean uncommitted = !retry.isEmpty() || !queue.isEmpty();
        for (ShardBatcher shard : shards) {
            shard.abandoned(new ClusterException(
                    ClusterException.Kind.CLOSED,
                    "the committer closed before shard " + shard.shard() + " committed everything; it resumes from"
                            + " seq " + shard.committedSeq()));
        }
        if (uncommitted) {
            LOG.warn("lane {}: closed with uncommitted dispatches (their shards will resume)", index);
        }
    }

    private <T> T await(Future<T> reply, String what) {
        try {
            return reply.get(config.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException(ClusterException.Kind.INTERRUPTED, "lane " + index + " interrupted " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ClusterException(
                    ClusterException.Kind.REDIS_UNAVAILABLE, "lane " + index + " failed " + what + ": " + e, e);
        }
    }
}
