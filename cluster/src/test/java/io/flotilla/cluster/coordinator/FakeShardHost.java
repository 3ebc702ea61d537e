package io.flotilla.cluster.coordinator;

import io.flotilla.cluster.lease.ShardFence;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ShardHost} that runs nothing but remembers: what it runs, every call (with its time), and, through the
 * {@link Owners} shared by every host of a test, whether a shard was ever started while another host still ran it.
 * A hand-off takes {@code handOffTime} (on a shared scheduler) before the shard stops. Thread-safe.
 */
final class FakeShardHost implements ShardHost {
    /** Which host runs each shard, across the hosts of one test; a start on a shard someone runs is a breach. */
    static final class Owners {
        final Map<Integer, String> byShard = new ConcurrentHashMap<>();
        final List<String> breaches = new CopyOnWriteArrayList<>();

        void claim(int shard, String host) {
            String other = byShard.putIfAbsent(shard, host);
            if (other != null) {
                breaches.add("shard " + shard + " started on " + host + " while " + other + " runs it");
            }
        }

        void free(int shard, String host) {
            byShard.remove(shard, host);
        }
    }

    record Call(String what, int shard, Instant at) {}

    final String name;
    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Owners owners;
    private final ScheduledExecutorService timer;
    private final Duration handOffTime;
    private final Set<Integer> running = ConcurrentHashMap.newKeySet();

    FakeShardHost(String name, Owners owners, ScheduledExecutorService timer, Duration handOffTime) {
        this.name = name;
        this.owners = owners;
        this.timer = timer;
        this.handOffTime = handOffTime;
    }

    /** Each cold start this host was told of (as leader), in order. */
    final List<java.util.SortedSet<Integer>> coldStarts = new CopyOnWriteArrayList<>();

    @Override
    public void coldStart(java.util.SortedSet<Integer> shards) {
        coldStarts.add(shards);
    }

    @Override
    public void start(int shard, ShardFence fence) {
        calls.add(new Call("start", shard, Instant.now()));
        owners.claim(shard, name);
        running.add(shard);
    }

    @Override
    public CompletionStage<Void> handOff(int shard) {
        calls.add(new Call("handOff", shard, Instant.now()));
        CompletableFuture<Void> closed = new CompletableFuture<>();
        timer.schedule(
                () -> {
                    stop(shard);
                    closed.complete(null);
                },
                handOffTime.toMillis(),
                TimeUnit.MILLISECONDS);
        return closed;
    }

    @Override
    public void fence(int shard, String why) {
        calls.add(new Call("fence", shard, Instant.now()));
        stop(shard);
    }

    @Override
    public Set<Integer> running() {
        return Set.copyOf(running);
    }

    /** The process died: it runs nothing, and told no one. */
    void crash() {
        running.forEach(shard -> owners.free(shard, name));
        running.clear();
    }

    List<Call> calls(String what) {
        return calls.stream().filter(call -> call.what().equals(what)).toList();
    }

    private void stop(int shard) {
        if (running.remove(shard)) {
            owners.free(shard, name);
        }
    }
}
