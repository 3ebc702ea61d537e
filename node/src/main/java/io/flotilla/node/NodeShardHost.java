package io.flotilla.node;

import io.flotilla.cluster.adapter.CommittingDispatchSink;
import io.flotilla.cluster.command.CommandReader;
import io.flotilla.cluster.coordinator.ShardHost;
import io.flotilla.cluster.identify.IdentifyTurns;
import io.flotilla.cluster.lease.ShardFence;
import io.flotilla.gateway.Shard;
import io.flotilla.gateway.ShardConfig;
import io.flotilla.gateway.ShardGroup;
import io.flotilla.gateway.ShardState;
import io.flotilla.gateway.StoredSession;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's {@link ShardHost} on real gateway {@link Shard}s of one {@link ShardGroup}. A started shard
 * runs under the fence the node's lease gave it ({@link HeldFences}) and resumes the stored session or identifies;
 * a hand-off is {@link Shard#handOff()} (commit what is held, close with a resumable code, never 1000); a fence
 * drops the fence first (any later batch is refused by Redis), forgets the sink's entry (so the hand-off's flush
 * answers at once) and then closes the same resumable way. A shard that was never READY has no session to hand
 * over and is simply stopped. Each ended shard leaves the sink, and the command reader follows {@link #running()}: a
 * shard that begins to end gets no further command, and its hand-off completes (its lease is released) only once
 * the commands it wrote are deleted from its stream ({@link CommandReader#settled}).
 *
 * <p>Thread-safe: called from the coordinator's loop, the leases' thread and commit lanes.
 */
final class NodeShardHost implements ShardHost {
    private static final Logger LOG = LoggerFactory.getLogger(NodeShardHost.class);

    private final ShardGroup group;
    private final CommittingDispatchSink sink;
    private final HeldFences fences;
    private final CommandReader commands;
    private final IntFunction<ShardConfig> configs;
    private final IdentifyTurns turns;
    private final Map<Integer, Shard> live = new ConcurrentHashMap<>();
    private final Map<Integer, CompletableFuture<Void>> ending = new ConcurrentHashMap<>();

    /**
     * @param configs the configuration of each shard id (token, shard count, intents, gateway url, timings)
     * @param turns the cluster's identify turns, told a cold start's plan when this node leads one
     */
    NodeShardHost(
            ShardGroup group,
            CommittingDispatchSink sink,
            HeldFences fences,
            CommandReader commands,
            IntFunction<ShardConfig> configs,
            IdentifyTurns turns) {
        this.group = group;
        this.turns = turns;
        this.sink = sink;
        this.fences = fences;
        this.commands = commands;
        this.configs = configs;
    }

    @Override
    public synchronized void start(int shard, ShardFence fence) {
        if (live.containsKey(shard)) {
            LOG.warn("shard {} already runs here; start ignored (fence {})", shard, fence);
            return;
        }
        fences.hold(shard, fence);
        Shard started;
        try {
            started = group.start(configs.apply(shard));
        } catch (IllegalStateException e) {
            fences.drop(shard);
            LOG.error("shard {} not started: {}", shard, e.getMessage());
            return;
        }
        live.put(shard, started);
        started.terminated().whenComplete((state, error) -> ended(shard, started, state));
        LOG.info("shard {} started under {}", shard, fence);
        commands.assign(running());
    }

    @Override
    public void coldStart(SortedSet<Integer> shards) {
        int shardCount = configs.apply(shards.first()).shard().total();
        try {
            long waiting =
                    turns.expect(shardCount, shards).toCompletableFuture().get(3, TimeUnit.SECONDS);
            LOG.info(
                    "cold start of {} shards: {} identify, round by round ({} per round), the rest resume",
                    shards.size(),
                    waiting,
                    turns.settings().maxConcurrency());
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn(
                    "cold start: could not register the shards' identify turns ({}); rounds keep order only roughly",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public CompletionStage<Void> handOff(int shard) {
        return end(shard, "handed off");
    }

    @Override
    public void fence(int shard, String why) {
        Shard running = live.get(shard);
        if (running == null || ending.containsKey(shard)) {
            return;
        }
        LOG.warn("shard {} fenced: {}; closing it with a resumable code, committing nothing more", shard, why);
        fences.drop(shard);
        sink.release(running.id());
        end(shard, "fenced");
    }

    @Override
    public Set<Integer> running() {
        return new TreeSet<>(live.keySet());
    }

    /** The shard running here, or null (for the command target and metrics). */
    @Nullable
    Shard shard(int shard) {
        return live.get(shard);
    }

    /** Every shard running here. */
    Map<Integer, Shard> shards() {
        return Map.copyOf(live);
    }

    private synchronized CompletionStage<Void> end(int shard, String how) {
        Shard running = live.get(shard);
        if (running == null) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> pending = ending.get(shard);
        if (pending != null) {
            return pending;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        ending.put(shard, done);
        commands.assign(runningExcept(shard));
        running.handOff().whenComplete((StoredSession session, @Nullable Throwable error) -> {
            if (error != null) {
                // Never READY (no session to hand over) or already failing: nothing to resume, so it just stops.
                LOG.info("shard {} {} without a session ({}); stopping it", shard, how, error.getMessage());
                running.stop();
            } else {
                LOG.info("shard {} {} at seq {} (session {})", shard, how, session.seq(), session.sessionId());
            }
        });
        // The lease is released once this completes: first every command the shard wrote must be deleted from its
        // stream, or the next owner would send it again.
        running.terminated()
                .whenComplete((state, error) -> commands.settled(shard).thenRun(() -> done.complete(null)));
        return done;
    }

    /** The shard ended (on its loop): it leaves the live set and the sink. */
    private void ended(int shard, Shard stopped, @Nullable ShardState state) {
        synchronized (this) {
            live.remove(shard, stopped);
            fences.drop(shard);
            CompletableFuture<Void> pending = ending.remove(shard);
            if (pending != null) {
                commands.settled(shard).thenRun(() -> pending.complete(null));
            }
        }
        sink.release(stopped.id());
        commands.assign(running());
        if (state == ShardState.FAILED) {
            LOG.error("shard {} failed: {}", shard, stopped.failure());
        }
    }

    private Set<Integer> runningExcept(int shard) {
        Set<Integer> rest = running();
        rest.remove(shard);
        return rest;
    }
}
