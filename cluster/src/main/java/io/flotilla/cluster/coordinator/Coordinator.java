package io.flotilla.cluster.coordinator;

import io.flotilla.cluster.ClusterException;
import io.flotilla.cluster.membership.NodeRecord;
import io.flotilla.worker.Keys;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's coordinator (ARCHITECTURE.md "Coordination"): every {@link CoordinatorConfig#tick} its loop reads the
 * members, the config and the assignment from Redis; when this node leads it decides a {@link LeaderRound} and writes
 * it under its term; then it decides a {@link NodeRound} from the assignment and what the {@link ShardHost} runs and
 * applies it: take a shard's lease, then start it; hand a shard off, then release its lease; fence a shard whose lease
 * is gone. A lost lease is fenced at once from the leases' thread. Redis failures end the round (logged once per
 * outage) and the next round retries; nothing throws out of the loop. One round is {@link Rounds}'s; this class is
 * the lifecycle.
 *
 * <p>Lifecycle: {@link #start} (waits for Redis, refuses another shard count than the cluster's), {@link #drain} and
 * {@link #awaitDrained} (the leader moves every shard away by hand-off), {@link #close} (fences what still runs,
 * releases the leases and the leadership, deletes the node record).
 *
 * <p>Threading: all state is owned by {@link CoordinatorThreads#loop}; the public methods hand their work to it.
 * {@link #view} may be read from any thread. Owns the join (the Redis edges, the started future, the schedule of
 * the join attempts then of the rounds) and whether it was closed; the drain is {@link Drain}'s.
 */
public final class Coordinator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);

    // Settings and collaborators.
    private final CoordinatorConfig config;
    private final Keys keys;
    private final NodeRecord self;
    private final Supplier<StatefulRedisConnection<String, String>> connections;
    private final ShardHost host;
    private final InstantSource clock;
    private final CoordinatorThreads threads;
    private final Loop loop;
    private final OutageLog outage;
    private final LeaseNews news;
    private final Drain drain;
    private final CoordinatorView initial;
    private final CompletableFuture<Void> started = new CompletableFuture<>();

    // Loop thread only (the schedule also under this object's lock: startAsync sets it from the caller's thread).
    private @Nullable Wiring wiring;
    private @Nullable ScheduledFuture<?> schedule;
    private boolean closed;

    private volatile @Nullable Rounds rounds; // set once joined; read by view() from any thread

    /**
     * A coordinator; nothing happens until {@link #start}.
     *
     * @param self this node's record (its id, name, address, capacity); the coordinator keeps its shards and draining
     *     flag up to date
     * @param connections opens a Redis connection; called three times once Redis answers (the coordinator closes them)
     * @param threads the schedulers it runs on (the caller shuts them down after {@link #close})
     */
    public Coordinator(
            CoordinatorConfig config,
            Keys keys,
            NodeRecord self,
            Supplier<StatefulRedisConnection<String, String>> connections,
            ShardHost host,
            InstantSource clock,
            CoordinatorThreads threads) {
        this.config = config;
        this.keys = keys;
        this.self = self;
        this.connections = connections;
        this.host = host;
        this.clock = clock;
        this.threads = threads;
        this.loop = new Loop(threads.loop());
        this.outage = new OutageLog(clock, config.tick());
        this.news = new LeaseNews(host);
        this.drain = new Drain(self.name(), host, loop);
        this.initial = CoordinatorView.initial(self.id(), config.shardCount());
    }

    /**
     * Joins the cluster: waits until Redis answers (logged once), checks the shard count, registers the node record,
     * starts the leases' loops and the rounds. Blocks until then.
     *
     * @throws ShardCountMismatchException when live nodes of the group run another shard count
     * @throws IllegalStateException when a live node already registered this node's id
     */
    public void start() {
        try {
            startAsync().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** {@link #start} without blocking: the future completes once the node takes part, or fails as start throws. */
    public synchronized CompletableFuture<Void> startAsync() {
        if (schedule == null && !started.isDone()) {
            schedule = loop.every(config.tick(), this::tryStart);
        }
        return started;
    }

    /** Marks this node draining: it starts nothing more and the leader moves its shards away (a few per round). */
    public void drain() {
        loop.execute(() -> {
            Wiring wired = wiring;
            drain.begin(wired != null ? wired.membership() : null, handingOff());
        });
    }

    /**
     * Drains (if not yet) and completes when this node runs nothing: true, or false when {@code grace} passed first
     * (what still runs is fenced by {@link #close}).
     */
    public CompletionStage<Boolean> awaitDrained(Duration grace) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        drain();
        loop.execute(() -> drain.await(done, handingOff()));
        drain.expire(done, grace);
        return done;
    }

    /** What this coordinator knows, as of its last round. */
    public CoordinatorView view() {
        Rounds joined = rounds;
        return joined != null ? joined.view() : initial;
    }

    /**
     * Leaves the cluster: stops the rounds, fences every shard still running, releases the shard leases (so their next
     * owners need not wait for the TTL) and the leadership, deletes the node record and closes the connections. For
     * a graceful stop call {@link #awaitDrained} first.
     */
    @Override
    public void close() {
        loop.executeAndWait(this::leave, Duration.ofSeconds(10), self.name() + ": closing the coordinator");
    }

    // ---- on the loop ----

    private void tryStart() {
        if (started.isDone() || closed) {
            cancelSchedule();
            return;
        }
        Wiring wired;
        try {
            wired = wiring != null
                    ? wiring
                    : Wiring.connect(
                            connections, config, keys, self, clock, threads, news.leadership(), news.shardLeases());
            wiring = wired;
            Join.register(wired, config, keys, self, outage::reached);
        } catch (ClusterException | RedisException e) {
            outage.failed("joining group " + keys.group(), e);
            return;
        } catch (ShardCountMismatchException | IllegalStateException e) {
            fail(e);
            return;
        }
        wired.leases().start();
        wired.leader().start();
        Rounds joined = new Rounds(config, keys, self, wired, host, clock, loop, outage, news, drain);
        rounds = joined;
        cancelSchedule();
        synchronized (this) {
            schedule = loop.every(config.tick(), joined::round);
        }
        LOG.info(
                "{} (id {}) joined group {} with {} shards; a round every {} ms",
                self.name(),
                self.id(),
                keys.group(),
                config.shardCount(),
                config.tick().toMillis());
        started.complete(null);
    }

    private void leave() {
        if (closed) {
            return;
        }
        closed = true;
        cancelSchedule();
        started.completeExceptionally(
                new ClusterException(ClusterException.Kind.CLOSED, "the coordinator was closed before it joined"));
        Wiring wired = wiring;
        if (wired != null) {
            Rounds joined = rounds;
            if (joined != null) {
                joined.close();
            }
            if (joined == null || !joined.halted()) {
                wired.stop(host, "this node stops");
            }
            wired.close();
            wiring = null;
        }
        drain.end();
        LOG.info("{} left group {}", self.name(), keys.group());
    }

    private void fail(RuntimeException problem) {
        LOG.error("{} cannot join group {}: {}", self.name(), keys.group(), problem.getMessage());
        cancelSchedule();
        Wiring wired = wiring;
        if (wired != null) {
            wired.close();
            wiring = null;
        }
        started.completeExceptionally(problem);
    }

    private Set<Integer> handingOff() {
        Rounds joined = rounds;
        return joined != null ? joined.handingOff() : Set.of();
    }

    private synchronized void cancelSchedule() {
        if (schedule != null) {
            schedule.cancel(false);
            schedule = null;
        }
    }
}
