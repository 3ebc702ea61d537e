package io.flotilla.bench;

import io.flotilla.cluster.endtoend.CommittedEvents;
import io.flotilla.cluster.endtoend.StreamsMatchFake;
import io.flotilla.fake.FakeDiscord;
import io.flotilla.fake.FakeDiscordConfig;
import io.flotilla.fake.IdentifyRecord;
import io.flotilla.fake.ResumeRecord;
import io.flotilla.testkit.RedisProcess;
import io.flotilla.worker.Keys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Issue 13's failover and cold-start figures, with DEFAULT node settings (3 s shard leases, 500 ms rounds, 5 s identify
 * windows): 3 node processes and 16 shards (max_concurrency 4) against the fake Discord (in this JVM, emitting 20
 * events/s per shard) and a Redis with AOF. Cold start: from the first node's start to the last shard READY, beside
 * the ideal ceil(N/M) x 5 s, first without the class-data archive the launcher keeps, then (after a node run
 * once and stopped wrote it) with it, each cluster on a Redis and a fake Discord of its own. Then {@code kills} times: SIGKILL a node (leader and non-leaders in turn), time until
 * every shard it ran is RESUMED on a survivor (the fake's log), start it again and wait for the rebalance. At the end
 * the streams are compared with the fake's log: events lost and duplicated.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.flotilla.bench.FailoverBenchmark [kills]}
 */
public final class FailoverBenchmark {
    private static final int SHARDS = 16;
    private static final int MAX_CONCURRENCY = 4;
    private static final List<String> NAMES = List.of("node-a", "node-b", "node-c");

    public static void main(String[] args) throws Exception {
        int kills = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Keys keys = Keys.defaults("bench");
        Path archives = Files.createTempDirectory("flotilla-bench-cds-");
        Path archive = archives.resolve("node.jsa");
        try {
            ColdStartRun.Times plain = firstRun(keys, archive);
            run(kills, keys, archive, plain);
        } finally {
            Files.deleteIfExists(archive);
            Files.deleteIfExists(archives);
        }
    }

    private static FakeDiscord fake() {
        return FakeDiscord.start(FakeDiscordConfig.builder()
                .shardCount(SHARDS)
                .guildsPerShard(3)
                .maxConcurrency(MAX_CONCURRENCY)
                .sessionRetention(Duration.ofMinutes(5))
                .build());
    }

    private static Map<String, String> env(FakeDiscord fake, RedisProcess server, Keys keys) {
        Map<String, String> env = new HashMap<>();
        env.put("BOT_TOKEN", fake.config().token());
        env.put("REDIS_URL", server.uri().toString());
        env.put("DISCORD_API_URL", fake.apiUrl().toString());
        env.put("GROUP_NAME", keys.group());
        env.put("EXPECTED_NODES", String.valueOf(NAMES.size()));
        return env;
    }

    /**
     * An operator's first run, on a Redis and a fake of its own: a cold start without the class archive, then one
     * node run and stopped, which writes the archive.
     */
    private static ColdStartRun.Times firstRun(Keys keys, Path archive) throws Exception {
        try (RedisProcess server = RedisProcess.startNew();
                FakeDiscord fake = fake()) {
            RedisClient client = RedisClient.create(server.uri().toString());
            try (StatefulRedisConnection<String, String> connection = client.connect();
                    NodeFleet fleet = new NodeFleet(env(fake, server, keys))) {
                RedisCommands<String, String> redis = connection.sync();
                ColdStartRun.Times plain = ColdStartRun.measure(
                        "no class archive", fleet, NAMES, redis, keys, fake, SHARDS, MAX_CONCURRENCY);
                System.out.println(plain);
                for (String name : NAMES) {
                    fleet.kill(name);
                }
                Thread.sleep(5_000); // the fake's identify windows of the last round pass
                redis.flushall();
                trainClassArchive(fleet, fake, archive);
                return plain;
            } finally {
                client.shutdown();
            }
        }
    }

    /** The measured cluster, on a fresh Redis and fake: a cold start with the archive, then the kills. */
    private static void run(int kills, Keys keys, Path archive, ColdStartRun.Times plain) throws Exception {
        try (RedisProcess server = RedisProcess.startNew();
                FakeDiscord fake = fake()) {
            RedisClient client = RedisClient.create(server.uri().toString());
            ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor();
            try (StatefulRedisConnection<String, String> connection = client.connect();
                    NodeFleet fleet = new NodeFleet(env(fake, server, keys))) {
                fleet.useClassArchive(archive);
                RedisCommands<String, String> redis = connection.sync();
                ClusterWatch watch = new ClusterWatch(redis, keys);
                ColdStartRun.Times archived = ColdStartRun.measure(
                        "the launcher's class archive", fleet, NAMES, redis, keys, fake, SHARDS, MAX_CONCURRENCY);
                System.out.println(archived);
                Poll.until("a balanced cluster", () -> watch.balanced(Set.copyOf(NAMES), SHARDS));
                traffic.scheduleAtFixedRate(() -> emit(fake), 0, 50, TimeUnit.MILLISECONDS);

                List<Double> recoveries = new ArrayList<>();
                int identifiesAfterKills = 0;
                for (int k = 0; k < kills; k++) {
                    String victim = NAMES.get(k % NAMES.size());
                    Set<Integer> shards = Set.copyOf(watch.running().getOrDefault(victim, Set.of()));
                    Thread.sleep(2_000);
                    Instant killed = Instant.now();
                    fleet.kill(victim);
                    Poll.until(
                            "the shards of " + victim + " resumed", () -> resumedSince(fake, shards, killed) != null);
                    Instant last = resumedSince(fake, shards, killed);
                    double seconds = Duration.between(killed, last).toMillis() / 1000.0;
                    recoveries.add(seconds);
                    identifiesAfterKills += (int) fake.log().identifies().stream()
                            .filter(identify -> identify.at().isAfter(killed) && shards.contains(identify.shardId()))
                            .count();
                    System.out.printf(
                            Locale.ROOT,
                            "kill %d: %s (%d shards) -> all RESUMED in %.2f s%n",
                            k + 1,
                            victim,
                            shards.size(),
                            seconds);
                    fleet.start(victim);
                    Poll.until(
                            "the rebalance after " + victim + " came back",
                            () -> watch.balanced(Set.copyOf(NAMES), SHARDS));
                }
                traffic.shutdownNow();
                traffic.awaitTermination(5, TimeUnit.SECONDS);
                Thread.sleep(5_000); // the last events commit
                long[] checked = {0};
                String difference = StreamsMatchFake.difference(
                        fake.log(), CommittedEvents.read(redis, keys), StreamsMatchFake.gaps(redis, keys), checked);
                report(kills, recoveries, identifiesAfterKills, List.of(plain, archived), checked[0], difference);
            } finally {
                traffic.shutdownNow();
                client.shutdown();
            }
        }
    }

    private static void emit(FakeDiscord fake) {
        for (int shard = 0; shard < SHARDS; shard++) {
            fake.shard(shard).emit(1);
        }
    }

    /** How many shards the fake has seen READY at least once. */
    static long readyShards(FakeDiscord fake) {
        return fake.log().identifies().stream()
                .filter(identify -> identify.outcome().equals("READY"))
                .map(IdentifyRecord::shardId)
                .distinct()
                .count();
    }

    /** When the last of {@code shards} was RESUMED after {@code since}, or null while one is not yet. */
    static @org.jspecify.annotations.Nullable Instant resumedSince(
            FakeDiscord fake, Set<Integer> shards, Instant since) {
        Instant last = since;
        for (int shard : shards) {
            Instant first = fake.log().resumes().stream()
                    .filter(r -> r.shardId() == shard && r.outcome().equals("RESUMED") && r.at().isAfter(since))
                    .map(ResumeRecord::at)
                    .min(Instant::compareTo)
                    .orElse(null);
            if (first == null) {
                return null;
            }
            last = first.isAfter(last) ? first : last;
        }
        return last;
    }

    /**
     * One node run as an operator's first run: started with the archive missing, a shard READY, then stopped with
     * SIGTERM, so the JVM writes the class-data archive at its exit, as {@code ./flotilla node} does.
     */
    private static void trainClassArchive(NodeFleet fleet, FakeDiscord fake, Path archive) throws Exception {
        fleet.useClassArchive(archive);
        Instant since = Instant.now();
        fleet.start("trainer", Map.of("SHUTDOWN_GRACE", "2s", "EXPECTED_NODES", "1"));
        Poll.until(
                "the trainer's first READY",
                () -> fake.log().identifies().stream()
                        .anyMatch(identify -> identify.outcome().equals("READY")
                                && identify.at().isAfter(since)));
        int exit = fleet.stop("trainer", Duration.ofSeconds(60));
        System.out.println("class archive written by a node's clean exit (exit " + exit + ")");
    }

    private static void report(
            int kills,
            List<Double> recoveries,
            int identifies,
            List<ColdStartRun.Times> coldStarts,
            long checked,
            @org.jspecify.annotations.Nullable String difference) {
        List<Double> sorted = recoveries.stream().sorted().toList();
        double p50 = sorted.get((sorted.size() - 1) / 2);
        double p99 = sorted.get((int) Math.ceil(0.99 * sorted.size()) - 1);
        double max = sorted.get(sorted.size() - 1);
        System.out.printf(
                Locale.ROOT,
                "%n| kills | p50 | p99 | max | identifies after kills | events checked | streams vs fake |%n");
        System.out.printf(Locale.ROOT, "|---:|---:|---:|---:|---:|---:|---|%n");
        System.out.printf(
                Locale.ROOT,
                "| %d | %.2f s | %.2f s | %.2f s | %d | %,d | %s |%n",
                kills,
                p50,
                p99,
                max,
                identifies,
                checked,
                difference == null ? "equal (0 lost, 0 duplicated)" : difference);
        System.out.printf(
                Locale.ROOT,
                "%ncold start of %d shards (max_concurrency %d), 3 nodes started together, EXPECTED_NODES=3:%n%n"
                        + "| node JVMs | first process start to last READY | vs ideal ceil(N/M) x 5 s = %.0f s | leader's"
                        + " plan to last READY | first READY to last |%n|---|---:|---:|---:|---:|%n",
                SHARDS,
                MAX_CONCURRENCY,
                coldStarts.getFirst().idealSeconds());
        for (ColdStartRun.Times times : coldStarts) {
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %.1f s | %+.0f %% | %.1f s | %.1f s |%n",
                    times.label(),
                    times.fromStart().toMillis() / 1000.0,
                    times.overIdeal(),
                    times.fromPlan().toMillis() / 1000.0,
                    times.identifying().toMillis() / 1000.0);
        }
    }
}
