package io.flotilla.cluster.coordinator;

import io.flotilla.cluster.lease.ShardFence;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ShardHost} that runs nothing but remembers: what it runs, every call (with its time), and, through the
 * {@link Owners} shared by every host of a test, whether a shard was ever started while another host still ran it
 * or while a crashed host's lease on it could still be live. A hand-off takes {@code handOffTime} (on a shared
 * scheduler) before the shard stops. Public for the benchmarks ({@code ControlPlaneAtScale} drives fifty of them).
 * Thread-safe: the coordinator's loop and lease threads call it; hand-offs complete on the shared scheduler.
 */
public final class FakeShardHost implements ShardHost {
    /**
     * Which host runs each shard, across the hosts of one test, and the breaches of the one-owner promise seen: a
     * start on a shard someone runs, or on a shard of a crashed host before its lease can have expired.
     */
    public static final class Owners {
        private final Map<Integer, String> byShard = new ConcurrentHashMap<>();
        /** Shards of a crashed host → the earliest moment their leases can have expired. */
        private final Map<Integer, Instant> leasedUntil = new ConcurrentHashMap<>();

        private final List<String> breaches = new CopyOnWriteArrayList<>();

        /** The breaches seen so far, in order. */
        public List<String> breaches() {
            return List.copyOf(breaches);
        }

        /** The shards some host runs now. */
        public Set<Integer> owned() {
            return Set.copyOf(byShard.keySet());
        }

        void claim(int shard, String host) {
            String other = byShard.putIfAbsent(shard, host);
            if (other != null) {
                breaches.add("shard " + shard + " started on " + host + " while " + other + " runs it");
            }
            Instant leased = leasedUntil.remove(shard);
            if (leased != null && Instant.now().isBefore(leased)) {
                breaches.add("shard " + shard + " started on " + host + " before a crashed owner's lease expired");
            }
        }

        void leased(int shard, Instant until) {
            leasedUntil.put(shard, until);
        }

        void free(int shard, String host) {
            byShard.remove(shard, host);
        }
    }

    record Call(String what, int shard, Instant at) {}

    final String name;
    final List<Call> calls = new CopyOnWriteArrayList<>();
    /** Each cold start this host was told of (as leader), in order. */
    final List<SortedSet<Integer>> coldStarts = new CopyOnWriteArrayList<>();

    private final Owners owners;
    private final ScheduledExecutorService timer;
    private final Duration handOffTime;
    private final Set<Integer> running = ConcurrentHashMap.newKeySet();

    public FakeShardHost(String name, Owners owners, ScheduledExecutorService timer, Duration handOffTime) {
        this.name = name;
        this.owners = owners;
        this.timer = timer;
        this.handOffTime = handOffTime;
    }

    @Override
    public void coldStart(SortedSet<Integer> shards) {
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

    /**
     * The process died, and its shards' leases live on for at least {@code earliestExpiry} from now ({@code ttl -
     * renewEvery}: renewed at most {@code renewEvery} ago): a start on another host before then is a breach.
     */
    public void crash(Duration earliestExpiry) {
        Instant until = Instant.now().plus(earliestExpiry);
        running.forEach(shard -> owners.leased(shard, until)); // before freeing: no start can slip between
        crash();
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
