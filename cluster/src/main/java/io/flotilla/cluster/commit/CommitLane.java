package io.flotilla.cluster.commit;

import io.flotilla.cluster.ClusterException;
import io.flotilla.cluster.cache.EntityCache;
import io.flotilla.cluster.redis.RedisAwait;
import io.flotilla.cluster.redis.RedisScript;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.RedisCodec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One committer lane: a thread and a Redis connection of its own, shared by the shards pinned to it. Each round
 * the lane takes the ready batches, pipelines their cache reads and script calls ({@link RoundSegments}), sends
 * more rounds if it may have more in flight ({@link InFlightRounds}), then reads the oldest round's verdicts in
 * order ({@link VerdictRound}). Redis decides whether each batch applies, so a retry after a broken connection
 * simply sends the unresolved batches again: one that had committed comes back {@code DUPLICATE}, one from an
 * abandoned connection that executes late finds its work done.
 *
 * <p>On a broken connection or a timeout the connection is dropped and the unresolved batches are retried, in
 * order, on a new one after a pause ({@link CommitterConfig#retry()}). Nothing is dropped. The lane owns its
 * connection, its rounds in flight and its retry queue; only its thread touches them.
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
    private final CommitCounters counters;
    private final CommitListener listener;
    private final LanePause pause;
    private final Runnable healthChanged;

    // Shards with work waiting; a shard is in here at most once (see ShardBatcher#take).
    private final LinkedBlockingQueue<ShardBatcher> queue = new LinkedBlockingQueue<>();
    private final ArrayDeque<Batch> retry = new ArrayDeque<>();
    private final InFlightRounds inFlight;
    private final List<ShardBatcher> shards = new CopyOnWriteArrayList<>();
    private volatile boolean healthy = true;
    private volatile boolean stopping;
    private @Nullable StatefulRedisConnection<String, byte[]> connection;

    CommitLane(
            int index,
            RedisClient client,
            RedisCodec<String, byte[]> codec,
            CommitterConfig config,
            EntityCache cache,
            BatchTransaction transaction,
            CommitCounters counters,
            CommitListener listener,
            LanePause pause,
            Runnable healthChanged) {
        this.index = index;
        this.client = client;
        this.codec = codec;
        this.config = config;
        this.inFlight = new InFlightRounds(config.roundsInFlight());
        this.cache = cache;
        this.transaction = transaction;
        this.counters = counters;
        this.listener = listener;
        this.pause = pause;
        this.healthChanged = healthChanged;
    }

    void attach(ShardBatcher shard) {
        shards.add(shard);
    }

    void detach(ShardBatcher shard) {
        shards.remove(shard);
    }

    List<ShardBatcher> shards() {
        return shards;
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
        VerdictRound verdicts = new VerdictRound(index, config, counters, listener);
        List<Batch> round = new ArrayList<>(config.maxRound());
        int failures = 0;
        while (true) {
            boolean clean = true;
            round.clear();
            try {
                if (retry.isEmpty() ? !inFlight.full() : inFlight.isEmpty()) {
                    fill(round, verdicts);
                    if (!round.isEmpty()) {
                        inFlight.add(RoundSegments.send(round, transaction, connect()));
                        continue; // fill the window before reading: Redis runs this round while the lane reads
                    }
                }
                if (inFlight.isEmpty()) {
                    if (stopping && queue.isEmpty() && retry.isEmpty()) {
                        break;
                    }
                    continue;
                }
                verdicts.process(inFlight.oldest(), retry);
                inFlight.readOldest();
                setHealthy(true);
                clean = retry.isEmpty();
                if (!clean && !inFlight.isEmpty()) {
                    continue; // read the later rounds first: the retries go out once nothing is in flight
                }
            } catch (RuntimeException e) {
                clean = false;
                counters.failedRounds.increment();
                inFlight.abandonTo(retry, round);
                retry.forEach(batch -> batch.shard.written.forgetAll()); // maybe unapplied: never trusted on retry
                disconnect();
                setHealthy(false);
                LOG.warn(
                        "lane {}: committing {} batches failed, retrying on a new connection: {}",
                        index,
                        retry.size(),
                        e.toString());
            }
            failures = clean ? 0 : failures + 1;
            if (!clean
                    && !pause.sleep(config.retry().delay(failures, java.util.concurrent.ThreadLocalRandom.current()))) {
                break;
            }
        }
        failLeftovers();
        disconnect();
    }

    /**
     * The next round: the batches waiting for a retry (only once nothing is in flight), else the next batch of each
     * waiting shard. Waits for work only while no round is in flight.
     */
    private void fill(List<Batch> round, VerdictRound verdicts) {
        if (!retry.isEmpty()) {
            round.addAll(retry);
            retry.clear();
            round.removeIf(batch -> !batch.shard.current(batch));
            verdicts.unblockAll();
        } else {
            takeRound(round, inFlight.isEmpty() ? IDLE_POLL_MS : 0);
        }
    }

    /** Takes the next batch of each waiting shard, up to a round's worth, waiting up to {@code waitMs} for one. */
    private void takeRound(List<Batch> round, long waitMs) {
        try {
            ShardBatcher next = queue.poll(waitMs, TimeUnit.MILLISECONDS);
            while (next != null) {
                Batch batch = next.take();
                if (batch != null) {
                    round.add(batch);
                }
                next = round.size() < config.maxRound() ? queue.poll() : null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    private StatefulRedisConnection<String, byte[]> connect() {
        StatefulRedisConnection<String, byte[]> current = connection;
        if (current != null && current.isOpen()) {
            return current;
        }
        StatefulRedisConnection<String, byte[]> opened = client.connect(codec);
        connection = opened;
        for (RedisScript script : List.of(CommitScript.SCRIPT, SessionEndScript.SCRIPT)) {
            RedisAwait.await(opened.async().scriptLoad(script.source()), config.timeout(), "loading the " + script);
        }
        cache.connected(opened);
        // From here on the lane decides when bytes go out: one write per segment instead of one per command.
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
            LOG.info("lane {}: Redis {}", index, now ? "answers again" : "is unreachable; every shard pauses");
            healthChanged.run();
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

    /** An error reply from Redis (OOM, NOREPLICAS, BUSY, NOSCRIPT...): the call did not apply, the link is fine. */
    static boolean isErrorReply(RuntimeException e) {
        return e.getCause() instanceof RedisCommandExecutionException;
    }

    static <T> T await(RedisFuture<T> reply, CommitterConfig config, String what) {
        return RedisAwait.await(reply, config.timeout(), what);
    }
}
