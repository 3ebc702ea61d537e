package io.flotilla.node;

import io.flotilla.cluster.status.ClusterSnapshot;
import io.flotilla.cluster.status.ClusterSnapshotReader;
import io.flotilla.testkit.FaultProxy;
import io.flotilla.testkit.NetNamespace;
import io.flotilla.testkit.RedisProcess;
import io.flotilla.testkit.RedisSnapshot;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The chaos soak's engine (issue 17): a {@link NodeCluster} of 3 node processes whose Redis traffic passes a
 * {@link FaultProxy}, the fake Discord's chaos mode on all the time, and one {@link SoakFault} after another on a
 * seeded schedule, each logged with its time ({@link #schedule}) so a failure can be replayed with the same seed.
 * {@link #settle} ends the faults and waits until every shard runs a live session again; the checks are
 * {@link SoakChecks}'.
 *
 * <p>One test thread.
 */
final class Soak {
    static final List<String> NAMES = List.of("node-a", "node-b", "node-c");
    /**
     * How far back a SIGKILL of Redis may reach with {@code appendfsync everysec}: a write postponed behind a slow
     * fsync (up to 2 s) is answered before it is in the file.
     */
    private static final Duration AOF_EVERYSEC = Duration.ofMillis(2_500);

    final long seed;
    final NodeCluster cluster;
    final RedisProcess redis;
    private final FaultProxy proxy;
    private final SoakWorkers workers;
    private final Random random;
    private final Instant began = Instant.now();
    private final List<String> schedule = new ArrayList<>();
    private final Map<SoakFault, Integer> counts = new EnumMap<>(SoakFault.class);
    private final List<WorkerChecks.Loss> losses = new ArrayList<>();
    private final List<Instant> stops = new ArrayList<>();
    private final List<WorkerChecks.Loss> partitions = new ArrayList<>();
    private boolean rolledBack;
    private Instant faultsEnded = Instant.EPOCH;
    private Instant healthyAgain = Instant.EPOCH;

    Soak(long seed, NodeCluster cluster, RedisProcess redis, FaultProxy proxy, SoakWorkers workers) {
        this.seed = seed;
        this.cluster = cluster;
        this.redis = redis;
        this.proxy = proxy;
        this.workers = workers;
        this.random = new Random(seed);
    }

    /** Starts the nodes and the traffic, waits for every shard, then injects faults for {@code length}. */
    void run(Duration length) throws Exception {
        for (String name : NAMES) {
            cluster.start(name);
        }
        workers.start();
        awaitHealthy(Duration.ofSeconds(120));
        log("cluster up: every shard READY");
        cluster.emit(1, Duration.ofMillis(100));
        cluster.fake.chaos(Duration.ofSeconds(2), seed);
        Instant end = Instant.now().plus(length);
        while (Instant.now().isBefore(end)) {
            SoakFault fault = SoakFault.pick(random.nextInt(SoakFault.total()));
            if (fault == SoakFault.REDIS_ROLLBACK && rolledBack) {
                fault = SoakFault.REDIS_CUT;
            }
            if (!rolledBack && Instant.now().isAfter(end.minus(length.dividedBy(2)))) {
                fault = SoakFault.REDIS_ROLLBACK; // every soak, however short, rolls Redis back once
            }
            apply(fault);
            counts.merge(fault, 1, Integer::sum);
            Thread.sleep(1_000 + random.nextInt(3_000));
        }
    }

    /** Ends the faults and the traffic; returns once every shard runs a fresh, READY session again. */
    void settle(Duration bound) throws Exception {
        cluster.fake.stopChaos();
        faultsEnded = Instant.now();
        log("faults over (" + cluster.fake.chaosFaults() + " chaos faults of the fake); settling");
        awaitHealthy(bound);
        healthyAgain = Instant.now();
        Thread.sleep(2_000);
        cluster.pause();
        log("traffic stopped");
    }

    private void apply(SoakFault fault) throws Exception {
        switch (fault) {
            case NODE_KILL -> {
                String victim = anyNode();
                log(fault + " " + victim);
                stops.add(Instant.now());
                cluster.node(victim).kill();
                Thread.sleep(4_000 + random.nextInt(4_000));
                cluster.restart(victim);
                log("  " + victim + " started again");
            }
            case NODE_FREEZE -> {
                String victim = anyNode();
                log(fault + " " + victim);
                stops.add(Instant.now());
                cluster.node(victim).freeze();
                Thread.sleep(4_000);
                cluster.node(victim).thaw();
                log("  " + victim + " thawed");
            }
            case NODE_DRAIN -> {
                String victim = anyNode();
                log(fault + " " + victim);
                cluster.node(victim).terminate();
                int exit = cluster.node(victim).awaitExit(Duration.ofSeconds(40));
                log("  " + victim + " exited " + exit);
                if (exit != 0) {
                    throw new AssertionError(victim + " drained with exit " + exit + ", not 0");
                }
                cluster.restart(victim);
            }
            case REDIS_DELAY -> {
                log(fault + " 150 ms for 3 s");
                proxy.delay(Duration.ofMillis(150));
                Thread.sleep(3_000);
                proxy.delay(Duration.ZERO);
            }
            case REDIS_CUT -> {
                log(fault.name());
                proxy.cut();
            }
            case REDIS_HOLD -> {
                log(fault + " 1.5 s");
                proxy.hold();
                Thread.sleep(1_500);
                proxy.release();
            }
            case REDIS_KILL -> {
                log(fault + " for 3 s");
                Instant killed = Instant.now();
                redis.kill();
                losses.add(new WorkerChecks.Loss(killed.minus(AOF_EVERYSEC), Instant.now(), fault.name()));
                Thread.sleep(3_000);
                redis.start();
                log("  Redis started again on its AOF");
            }
            case REDIS_ROLLBACK -> {
                rolledBack = true;
                cluster.fake.stopChaos(); // no session may end inside the window Redis forgets
                Instant taken = Instant.now();
                try (RedisSnapshot snapshot = redis.snapshot()) {
                    log(fault + ": snapshot taken");
                    Thread.sleep(2_000);
                    redis.restartFrom(snapshot);
                    losses.add(new WorkerChecks.Loss(taken.minus(AOF_EVERYSEC), Instant.now(), fault.name()));
                    log("  Redis restarted on the 2 s older copy");
                }
                Thread.sleep(3_000);
                cluster.fake.chaos(Duration.ofSeconds(2), seed + 1);
            }
            case PARTITION_FROM_REDIS, PARTITION_FROM_DISCORD -> {
                String victim = anyNode();
                InetSocketAddress peer =
                        fault == SoakFault.PARTITION_FROM_REDIS ? cluster.redisPeer() : cluster.discordPeer();
                long millis = 4_000 + random.nextInt(2_000);
                log(fault + " " + victim + " for " + millis + " ms");
                NetNamespace namespace = cluster.namespace(victim);
                Instant cut = Instant.now();
                namespace.cut(peer);
                try {
                    Thread.sleep(millis);
                } finally {
                    namespace.heal(peer);
                    // Commands near a partition are judged apart (CommandChecks): 1 s before the cut, and the
                    // settle wait of a hand-off (5 s) after the heal.
                    partitions.add(new WorkerChecks.Loss(
                            cut.minusSeconds(1), Instant.now().plusSeconds(5), fault + " " + victim));
                }
                log("  " + victim + " healed");
            }
            case WORKER_KILL -> {
                String victim = SoakWorkers.NAMES.get(random.nextInt(SoakWorkers.NAMES.size()));
                log(fault + " " + victim);
                int held = workers.kill(victim);
                log("  " + victim + " held " + held + " entries unacknowledged");
                Thread.sleep(2_000 + random.nextInt(2_000));
                workers.restart(victim);
                log("  " + victim + " started again");
            }
        }
    }

    private String anyNode() {
        return NAMES.get(random.nextInt(NAMES.size()));
    }

    /** Waits until every shard's published state is fresh and READY on a live node. */
    private void awaitHealthy(Duration bound) throws InterruptedException {
        RedisClient client = RedisClient.create(redis.uri().toString());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            ClusterSnapshotReader reader = new ClusterSnapshotReader(
                    connection, cluster.keys, InstantSource.system(), 0, Duration.ofSeconds(2));
            Instant deadline = Instant.now().plus(bound);
            String last = "";
            while (Instant.now().isBefore(deadline)) {
                try {
                    ClusterSnapshot snapshot = reader.read();
                    List<Integer> unhealthy = snapshot.shards().stream()
                            .filter(shard -> !shard.healthy())
                            .map(ClusterSnapshot.Shard::id)
                            .toList();
                    if (unhealthy.isEmpty() && snapshot.shards().size() == cluster.shardCount) {
                        return;
                    }
                    last = "shards not READY: " + unhealthy;
                } catch (RuntimeException e) {
                    last = "Redis: " + e;
                }
                Thread.sleep(250);
            }
            throw new AssertionError("no shard may be stuck, but after " + bound.toSeconds() + " s " + last + "\n"
                    + String.join("\n", schedule));
        } finally {
            client.shutdown();
        }
    }

    private void log(String what) {
        String line = String.format(
                java.util.Locale.ROOT,
                "%7.1f s  %s",
                Duration.between(began, Instant.now()).toMillis() / 1000.0,
                what);
        schedule.add(line);
        System.out.println("soak " + line);
    }

    /** Every step so far, with its time since the soak began. */
    List<String> schedule() {
        return List.copyOf(schedule);
    }

    /** The worker processes. */
    SoakWorkers workers() {
        return workers;
    }

    /** The windows around each network partition, widened by a second before and a hand-off's settle wait after. */
    List<WorkerChecks.Loss> partitions() {
        return List.copyOf(partitions);
    }

    /** The windows in which Redis may have lost writes it acknowledged (its SIGKILLs and the rollback). */
    List<WorkerChecks.Loss> losses() {
        return List.copyOf(losses);
    }

    /**
     * When a node was stopped without warning (SIGKILL, SIGSTOP): the one moment a command its shard just wrote to
     * Discord may keep its stream entry and be sent again by the shard's next owner.
     */
    List<Instant> stops() {
        return List.copyOf(stops);
    }

    /** When the last fault ended (the fake's chaos stopped) and when every shard was READY again after it. */
    Duration recovery() {
        return Duration.between(faultsEnded, healthyAgain);
    }

    /** How many of each fault were injected. */
    Map<SoakFault, Integer> counts() {
        return Map.copyOf(counts);
    }
}
