package io.flotilla.bench;

import io.flotilla.cluster.coordinator.Coordinator;
import io.flotilla.cluster.coordinator.CoordinatorConfig;
import io.flotilla.cluster.coordinator.CoordinatorThreads;
import io.flotilla.cluster.coordinator.FakeShardHost;
import io.flotilla.cluster.lease.LeaseConfig;
import io.flotilla.cluster.membership.NodeRecord;
import io.flotilla.cluster.membership.Snowflake;
import io.flotilla.testkit.RedisProcess;
import io.flotilla.worker.Keys;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;

/**
 * The control plane of a large cluster, simulated with the real code: {@code nodes} production {@link Coordinator}s
 * (default settings: 500 ms rounds, 3 s leases, 2 hand-offs at once) in this JVM against a real Redis, each driving a
 * {@link FakeShardHost} (cluster's test fixture) instead of gateway shards. Measured: the first placement, the Redis commands and CPU of
 * the steady state, a node's and then the leader's crash until their shards run elsewhere, two nodes joining until
 * balanced, and a drain. Every start is checked against the one-owner promise. One benchmark thread.
 */
final class ControlPlaneAtScale {
    private static final Duration WAIT = Duration.ofSeconds(180);
    private static final Duration HAND_OFF = Duration.ofMillis(300);

    /** A node of the simulation. */
    private record Sim(String name, Coordinator coordinator, FakeShardHost host, CoordinatorThreads threads) {}

    /** What one run measured. */
    record Result(
            int nodes,
            int shards,
            Duration placement,
            Steady steady,
            Duration nodeCrash,
            int nodeCrashShards,
            Duration leaderCrash,
            int leaderCrashShards,
            Duration join,
            Duration drain,
            List<String> breaches) {}

    /** The steady state's Redis load: commands per second by command, and the share of one CPU Redis used. */
    record Steady(double seconds, double redisCpu, java.util.Map<String, Double> perSecond) {
        double total() {
            return perSecond.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        String summary() {
            StringBuilder line = new StringBuilder(String.format(
                    java.util.Locale.ROOT,
                    "%.0f Redis commands/s, Redis at %.1f %% of a CPU:",
                    total(),
                    100 * redisCpu));
            perSecond.entrySet().stream()
                    .sorted(java.util.Map.Entry.<String, Double>comparingByValue()
                            .reversed())
                    .forEach(entry -> line.append(
                            String.format(java.util.Locale.ROOT, " %s %.0f/s", entry.getKey(), entry.getValue())));
            return line.toString();
        }
    }

    private final Keys keys = Keys.defaults("scale");
    private final FakeShardHost.Owners owners = new FakeShardHost.Owners();
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final Snowflake ids = new Snowflake(InstantSource.system(), new SplittableRandom());
    private final List<Sim> live = new ArrayList<>();
    private final int shards;
    private final CoordinatorConfig config;
    private final RedisClient client;

    private ControlPlaneAtScale(int nodes, int shards, RedisClient client) {
        this.shards = shards;
        this.config = CoordinatorConfig.defaults(shards).withExpectedNodes(nodes);
        this.client = client;
    }

    static Result run(int nodes, int shards, Duration steadyFor) throws Exception {
        try (RedisProcess redis = RedisProcess.startNew()) {
            ControlPlaneAtScale sim = new ControlPlaneAtScale(
                    nodes, shards, RedisClient.create(redis.uri().toString()));
            try (RedisStats stats = new RedisStats(sim.client.connect())) {
                return sim.measure(nodes, steadyFor, stats);
            } finally {
                sim.close();
            }
        }
    }

    private Result measure(int nodes, Duration steadyFor, RedisStats redis) throws Exception {
        Instant began = Instant.now();
        for (int i = 0; i < nodes; i++) {
            start(String.format(java.util.Locale.ROOT, "node-%02d", i));
        }
        awaitBalanced("the first placement");
        Duration placement = Duration.between(began, Instant.now());
        System.out.printf("placed %d shards on %d nodes in %.1f s%n", shards, nodes, seconds(placement));

        Steady steady = steady(redis, steadyFor);
        System.out.println("steady state: " + steady.summary());

        Sim plain = live.stream().filter(sim -> !leads(sim)).findFirst().orElseThrow();
        int plainShards = plain.host().running().size();
        Duration nodeCrash = crashAndRecover(plain);
        Sim leader = live.stream().filter(this::leads).findFirst().orElseThrow();
        int leaderShards = leader.host().running().size();
        Duration leaderCrash = crashAndRecover(leader);

        Instant joined = Instant.now();
        start("node-new-1");
        start("node-new-2");
        awaitBalanced("two joined nodes balanced");
        Duration join = Duration.between(joined, Instant.now());
        System.out.printf("two nodes joined: balanced after %.1f s%n", seconds(join));

        Sim drained = live.getFirst();
        Instant drainStart = Instant.now();
        boolean done =
                drained.coordinator().awaitDrained(WAIT).toCompletableFuture().get();
        Duration drain = Duration.between(drainStart, Instant.now());
        System.out.printf(
                "a drain of %s: %s after %.1f s%n", drained.name(), done ? "empty" : "NOT empty", seconds(drain));
        return new Result(
                nodes,
                shards,
                placement,
                steady,
                nodeCrash,
                plainShards,
                leaderCrash,
                leaderShards,
                join,
                drain,
                owners.breaches());
    }

    private static Steady steady(RedisStats redis, Duration length) throws InterruptedException {
        java.util.Map<String, Long> before = redis.allCalls();
        double cpu = redis.cpuSeconds();
        long began = System.nanoTime();
        Thread.sleep(length.toMillis());
        java.util.Map<String, Long> after = redis.allCalls();
        double seconds = (System.nanoTime() - began) / 1e9;
        double used = redis.cpuSeconds() - cpu;
        java.util.Map<String, Double> perSecond = new java.util.TreeMap<>();
        after.forEach((command, calls) -> {
            long delta = calls - before.getOrDefault(command, 0L);
            if (delta > 0 && !command.equals("info")) {
                perSecond.put(command, delta / seconds);
            }
        });
        return new Steady(seconds, used / seconds, perSecond);
    }

    private void start(String name) {
        Instant now = Instant.now();
        NodeRecord self = new NodeRecord(ids.nextNodeId(), name, "", 1, false, new TreeSet<>(), now, now);
        FakeShardHost host = new FakeShardHost(name, owners, timer, HAND_OFF);
        CoordinatorThreads threads = CoordinatorThreads.create(name);
        Coordinator coordinator =
                new Coordinator(config, keys, self, client::connect, host, InstantSource.system(), threads);
        coordinator.startAsync();
        live.add(new Sim(name, coordinator, host, threads));
    }

    /** SIGKILL, simulated: the threads stop at once, nothing is released; times until its shards run elsewhere. */
    private Duration crashAndRecover(Sim victim) throws InterruptedException {
        Set<Integer> its = victim.host().running();
        Instant crashed = Instant.now();
        LeaseConfig leases = config.leases();
        victim.threads().shutdownNow();
        victim.host().crash(leases.ttl().minus(leases.renewEvery()));
        live.remove(victim);
        await(
                "the shards of " + victim.name() + " running elsewhere",
                () -> owners.owned().containsAll(its));
        Duration took = Duration.between(crashed, Instant.now());
        System.out.printf(
                "%s crashed (%d shards%s): all running elsewhere after %.1f s%n",
                victim.name(), its.size(), leads(victim) ? ", the leader" : "", seconds(took));
        return took;
    }

    private boolean leads(Sim sim) {
        return sim.coordinator().view().leader();
    }

    private void awaitBalanced(String what) throws InterruptedException {
        await(what, () -> {
            List<Integer> loads = new ArrayList<>();
            Set<Integer> seen = new HashSet<>();
            int total = 0;
            for (Sim sim : live) {
                Set<Integer> running = sim.host().running();
                loads.add(running.size());
                seen.addAll(running);
                total += running.size();
            }
            int max = loads.stream().mapToInt(Integer::intValue).max().orElse(0);
            int min = loads.stream().mapToInt(Integer::intValue).min().orElse(0);
            return seen.size() == shards && total == shards && max - min <= 1;
        });
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Poll.until(what, WAIT, Duration.ofMillis(20), condition);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private void close() {
        for (Sim sim : live) {
            sim.coordinator().close();
            sim.threads().close();
        }
        timer.shutdownNow();
        client.shutdown();
    }
}
