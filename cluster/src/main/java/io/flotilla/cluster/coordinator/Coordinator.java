package io.flotilla.cluster.coordinator;

import io.flotilla.cluster.ClusterException;
import io.flotilla.cluster.assign.Assignment;
import io.flotilla.cluster.assign.Assignor;
import io.flotilla.cluster.lease.EpochRegressedException;
import io.flotilla.cluster.lease.LeaderTerm;
import io.flotilla.cluster.lease.LeadershipListener;
import io.flotilla.cluster.lease.LossReason;
import io.flotilla.cluster.lease.ShardFence;
import io.flotilla.cluster.lease.ShardLeaseListener;
import io.flotilla.cluster.membership.NodeRecord;
import io.flotilla.worker.Keys;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * outage) and the next round retries; nothing throws out of the loop.
 *
 * <p>Lifecycle: {@link #start} (waits for Redis, refuses another shard count than the cluster's), {@link #drain} and
 * {@link #awaitDrained} (the leader moves every shard away by hand-off), {@link #close} (fences what still runs,
 * releases the leases and the leadership, deletes the node record).
 *
 * <p>Threading: all state is owned by {@link CoordinatorThreads#loop}; the public methods hand their work to it.
 * {@link #view} may be read from any thread.
 */
public final class Coordinator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);

    private final CoordinatorConfig config;
    private final Keys keys;
    private final NodeRecord self;
    private final Supplier<StatefulRedisConnection<String, String>> connections;
    private final ShardHost host;
    private final InstantSource clock;
    private final CoordinatorThreads threads;
    private final ScheduledExecutorService loop;
    private final Assignor assignor;
    private final OutageLog outage;
    private final AtomicBoolean stateLost = new AtomicBoolean();
    private final CompletableFuture<Void> started = new CompletableFuture<>();

    // Loop thread only.
    private @Nullable Wiring wiring;
    private @Nullable LeaderWrites leaderWrites;
    private @Nullable ScheduledFuture<?> schedule;
    private final SortedSet<Integer> handingOff = new TreeSet<>();
    private final SortedSet<Integer> waiting = new TreeSet<>();
    private final List<CompletableFuture<Boolean>> drainWaiters = new ArrayList<>();
    private final Map<String, String> names = new HashMap<>();
    private SortedSet<Integer> reported = new TreeSet<>();
    private @Nullable LeaderTerm led;
    private Instant ledSince = Instant.EPOCH;
    private boolean draining;
    private boolean closed;
    private @Nullable String halted;

    private volatile CoordinatorView view;

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
        this.loop = threads.loop();
        this.assignor = new Assignor(config.maxMovesPerRound());
        this.outage = new OutageLog(clock, config.tick());
        this.view = CoordinatorView.initial(self.id(), config.shardCount());
        names.put(self.id(), self.name());
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
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** {@link #start} without blocking: the future completes once the node takes part, or fails as start throws. */
    public synchronized CompletableFuture<Void> startAsync() {
        if (schedule == null && !started.isDone()) {
            schedule = loop.scheduleWithFixedDelay(
                    guarded(this::tryStart), 0, config.tick().toNanos(), TimeUnit.NANOSECONDS);
        }
        return started;
    }

    /** Marks this node draining: it starts nothing more and the leader moves its shards away (a few per round). */
    public void drain() {
        onLoop(() -> {
            if (!draining) {
                draining = true;
                Wiring wired = wiring;
                if (wired != null) {
                    wired.membership().update(record -> record.withDraining(true));
                }
                LOG.info(
                        "{} drains: the leader moves its {} shard(s) away",
                        self.name(),
                        host.running().size());
                checkDrained();
            }
        });
    }

    /**
     * Drains (if not yet) and completes when this node runs nothing: true, or false when {@code grace} passed first
     * (what still runs is fenced by {@link #close}).
     */
    public CompletionStage<Boolean> awaitDrained(Duration grace) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        drain();
        onLoop(() -> {
            drainWaiters.add(done);
            checkDrained();
        });
        try {
            loop.schedule(
                    () -> {
                        if (done.complete(false)) {
                            LOG.warn(
                                    "{}: the drain grace of {} ms passed with shards {} still running",
                                    self.name(),
                                    grace.toMillis(),
                                    host.running());
                        }
                    },
                    grace.toNanos(),
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            done.complete(host.running().isEmpty());
        }
        return done;
    }

    /** What this coordinator knows, as of its last round. */
    public CoordinatorView view() {
        return view;
    }

    /**
     * Leaves the cluster: stops the rounds, fences every shard still running, releases the shard leases (so their next
     * owners need not wait for the TTL) and the leadership, deletes the node record and closes the connections. For
     * a graceful stop call {@link #awaitDrained} first.
     */
    @Override
    public void close() {
        onLoopAndWait(this::leave, Duration.ofSeconds(10));
    }

    // ---- the loop ----

    private void tryStart() {
        if (started.isDone() || closed) {
            cancelSchedule();
            return;
        }
        Wiring wired;
        try {
            wired = wiring != null ? wiring : connect();
            wiring = wired;
            Optional<StoredShardCount> count =
                    StoredShardCount.parse(wired.reads().config());
            List<NodeRecord> members = wired.membership().members();
            outage.reached();
            boolean others = members.stream().anyMatch(member -> !member.id().equals(self.id()));
            if (count.isPresent() && count.get().count() != config.shardCount()) {
                if (others) {
                    fail(new ShardCountMismatchException(
                            keys.group(),
                            keys.config(),
                            config.shardCount(),
                            count.get().count()));
                    return;
                }
                LOG.info(
                        "the stored shard count {} was left by nodes that are all gone; group {} now runs {} shards",
                        count.get().count(),
                        keys.group(),
                        config.shardCount());
            }
            wired.membership().start();
        } catch (ClusterException | RedisException e) {
            outage.failed("joining group " + keys.group(), e);
            return;
        } catch (IllegalStateException e) {
            fail(e);
            return;
        }
        wired.leases().start();
        wired.leader().start();
        leaderWrites = new LeaderWrites(wired.hash(), keys, config.shardCount());
        cancelSchedule();
        synchronized (this) {
            schedule = loop.scheduleWithFixedDelay(
                    guarded(this::round), 0, config.tick().toNanos(), TimeUnit.NANOSECONDS);
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

    private Wiring connect() {
        return Wiring.connect(connections, config, keys, self, clock, threads, new Leadership(), new Leases());
    }

    private void round() {
        Wiring wired = wiring;
        LeaderWrites writes = leaderWrites;
        if (wired == null || writes == null || closed || halted != null) {
            return;
        }
        if (stateLost.getAndSet(false)) {
            waiting.clear();
            LOG.warn("Redis lost state: this round is skipped; everything is read again next round");
            return;
        }
        try {
            List<NodeRecord> members = wired.membership().members();
            members.forEach(member -> names.put(member.id(), member.name()));
            Optional<StoredShardCount> count =
                    StoredShardCount.parse(wired.reads().config());
            Optional<LeaderTerm> leader = wired.reads().leader();
            Map<String, String> hash = wired.reads().assignment();
            outage.reached();
            Optional<LeaderTerm> term = wired.leader().current();
            noteLeadership(term.orElse(null));
            if (term.isEmpty() && mismatched(count, leader)) {
                halt(wired, count.orElseThrow());
                return;
            }
            StoredAssignment stored = StoredAssignment.parse(hash, config.shardCount());
            Assignment assignment = stored.assignment();
            if (term.isPresent() && !waitingForColdStart(stored)) {
                LeaderRound decided = LeaderRound.decide(assignor, config.shardCount(), members, stored, count);
                if (writes.write(term.get(), decided, this::nameOf)) {
                    assignment = decided.next();
                }
            }
            if (stateLost.get()) {
                return;
            }
            NodeRound actions = NodeRound.decide(
                    self.id(), assignment, host.running(), wired.leases().held().keySet(), handingOff, draining);
            apply(wired, actions);
            publish(term, leader, assignment, members);
        } catch (EpochRegressedException e) {
            waiting.clear(); // the leases ended every lease and said so; the next round reads everything again
        } catch (ClusterException | RedisException e) {
            outage.failed("coordinating", e);
            view = view.withProblem(
                    outage.problem(), wired.leader().current().isPresent(), new TreeSet<>(host.running()), handingOff);
        } finally {
            report(wired);
            checkDrained();
        }
    }

    /** True while a new leader of a cluster without any assignment lets the nodes starting with it register. */
    private boolean waitingForColdStart(StoredAssignment stored) {
        return stored.assignment().size() == 0 && clock.instant().isBefore(ledSince.plus(config.coldStartDelay()));
    }

    private boolean mismatched(Optional<StoredShardCount> count, Optional<LeaderTerm> leader) {
        // Only the current leader's count is the cluster's: one left by an older leader is rewritten by the next.
        return count.isPresent()
                && count.get().count() != config.shardCount()
                && leader.isPresent()
                && count.get().epoch() >= leader.get().epoch();
    }

    private void apply(Wiring wired, NodeRound actions) {
        for (int shard : actions.fence()) {
            LOG.warn("shard {} runs without a live lease: fencing it", shard);
            host.fence(shard, "its lease is gone");
        }
        for (int shard : actions.release()) {
            wired.leases().release(shard);
        }
        actions.handOff().forEach((shard, to) -> handOff(wired, shard, to));
        waiting.retainAll(actions.start());
        for (int shard : actions.start()) {
            Optional<ShardFence> fence = wired.leases().tryAcquire(shard);
            if (fence.isPresent()) {
                waiting.remove(shard);
                LOG.info(
                        "starting shard {} (lease epoch {})", shard, fence.get().epoch());
                host.start(shard, fence.get());
            } else if (waiting.add(shard)) {
                LOG.info(
                        "shard {} is assigned here; waiting for its lease ({}) to be released or to expire",
                        shard,
                        wired.leases().holder(shard).orElse("just freed"));
            }
        }
        report(wired);
    }

    private void handOff(Wiring wired, int shard, String to) {
        handingOff.add(shard);
        LOG.info("handing off shard {} to {}", shard, nameOf(to));
        CompletableFuture<Void> done;
        try {
            done = host.handOff(shard).toCompletableFuture();
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        done.orTimeout(config.handOffTimeout().toNanos(), TimeUnit.NANOSECONDS)
                .whenComplete((ignored, failure) -> onLoop(() -> handedOff(wired, shard, failure)));
    }

    private void handedOff(Wiring wired, int shard, @Nullable Throwable failure) {
        if (failure != null) {
            LOG.warn("handing off shard {} did not complete ({}): fencing it", shard, failure.toString());
            host.fence(shard, "its hand-off did not complete");
        }
        handingOff.remove(shard);
        if (closed) {
            return;
        }
        try {
            wired.leases().release(shard);
            LOG.info("handed off shard {}; its lease is released", shard);
        } catch (ClusterException e) {
            LOG.warn("releasing shard {}'s lease failed ({}); retried next round", shard, e.getMessage());
        }
        report(wired);
        checkDrained();
    }

    private void noteLeadership(@Nullable LeaderTerm term) {
        if (term != null && !term.equals(led)) {
            ledSince = clock.instant();
            LOG.info(
                    "{} is the leader now (epoch {}): it assigns the {} shards (a cold start waits {} ms first)",
                    self.name(),
                    term.epoch(),
                    config.shardCount(),
                    config.coldStartDelay().toMillis());
        } else if (term == null && led != null) {
            LOG.info("{} no longer leads (epoch {}): it stops writing the assignment", self.name(), led.epoch());
        }
        led = term;
    }

    /** Writes what the host runs into the node record when it changed (the leader's {@code running}). */
    private void report(Wiring wired) {
        SortedSet<Integer> running = new TreeSet<>(host.running());
        if (!running.equals(reported) && !closed && halted == null) {
            reported = running;
            wired.membership().update(record -> record.withShards(running));
        }
    }

    private void publish(
            Optional<LeaderTerm> term, Optional<LeaderTerm> leader, Assignment assignment, List<NodeRecord> members) {
        view = new CoordinatorView(
                self.id(),
                term.isPresent(),
                leader.map(LeaderTerm::nodeId).orElse(null),
                leader.map(LeaderTerm::epoch).orElse(0L),
                config.shardCount(),
                assignment,
                new TreeSet<>(host.running()),
                handingOff,
                draining,
                members,
                halted != null ? halted : outage.problem());
    }

    private void checkDrained() {
        if (!drainWaiters.isEmpty() && host.running().isEmpty() && handingOff.isEmpty()) {
            if (draining) {
                LOG.info("{} is drained: it runs no shard", self.name());
            }
            drainWaiters.forEach(waiter -> waiter.complete(true));
            drainWaiters.clear();
        }
    }

    /** A leader with another shard count took over: stop everything and leave, so nothing is assigned here. */
    private void halt(Wiring wired, StoredShardCount count) {
        ShardCountMismatchException problem =
                new ShardCountMismatchException(keys.group(), keys.config(), config.shardCount(), count.count());
        LOG.error("{}: {}; this node stops every shard and leaves the group", self.name(), problem.getMessage());
        halted = problem.getMessage();
        stopAll(wired, "the cluster runs another shard count");
        view = new CoordinatorView(
                self.id(),
                false,
                null,
                0,
                config.shardCount(),
                Assignment.EMPTY,
                new TreeSet<>(),
                new TreeSet<>(),
                draining,
                List.of(),
                halted);
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
            if (halted == null) {
                stopAll(wired, "this node stops");
            }
            wired.close();
            wiring = null;
        }
        drainWaiters.forEach(waiter -> waiter.complete(host.running().isEmpty()));
        drainWaiters.clear();
        LOG.info("{} left group {}", self.name(), keys.group());
    }

    /** Fences what runs, then releases the leases, the leadership and the node record (each step on its own). */
    private void stopAll(Wiring wired, String why) {
        for (int shard : new TreeSet<>(host.running())) {
            LOG.info("fencing shard {}: {}", shard, why);
            host.fence(shard, why);
        }
        quietly("releasing the shard leases", wired.leases()::close);
        quietly("releasing the leadership", wired.leader()::close);
        quietly("deleting the node record", wired.membership()::close);
    }

    private void quietly(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.warn("{} failed ({}); Redis lets it expire", what, e.getMessage());
        }
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

    private synchronized void cancelSchedule() {
        if (schedule != null) {
            schedule.cancel(false);
            schedule = null;
        }
    }

    private String nameOf(String nodeId) {
        return names.getOrDefault(nodeId, nodeId);
    }

    private Runnable guarded(Runnable step) {
        return () -> {
            try {
                step.run();
            } catch (RuntimeException e) {
                LOG.warn("a coordinator step failed; the next round goes on", e);
            }
        };
    }

    private void onLoop(Runnable step) {
        try {
            loop.execute(guarded(step));
        } catch (RejectedExecutionException e) {
            LOG.debug("the coordinator's loop is shut down; dropped a step");
        }
    }

    private void onLoopAndWait(Runnable step, Duration timeout) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            loop.execute(() -> {
                try {
                    step.run();
                } finally {
                    done.complete(null);
                }
            });
        } catch (RejectedExecutionException e) {
            step.run(); // the loop is gone: nothing else touches the state any more
            return;
        }
        try {
            done.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("{}: closing the coordinator did not finish within {} ms", self.name(), timeout.toMillis());
        }
    }

    /** The leader lease's news; the loop reads the term itself each round, so only a state loss matters here. */
    private final class Leadership implements LeadershipListener {
        @Override
        public void elected(LeaderTerm term, Instant deadline) {}

        @Override
        public void lost(LeaderTerm term, LossReason reason) {}

        @Override
        public void stateLost(EpochRegressedException cause) {
            stateLost.set(true);
        }
    }

    /** The shard leases' news: a lost lease is fenced at once, on the leases' thread. */
    private final class Leases implements ShardLeaseListener {
        @Override
        public void lost(int shard, ShardFence fence, LossReason reason) {
            if (reason != LossReason.RELEASED) {
                LOG.warn("shard {} lost its lease (epoch {}, {}): fencing it", shard, fence.epoch(), reason);
                host.fence(shard, "its lease was lost (" + reason + ")");
            }
        }

        @Override
        public void stateLost(EpochRegressedException cause) {
            stateLost.set(true);
        }
    }
}
