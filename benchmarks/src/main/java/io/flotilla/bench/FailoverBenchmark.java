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
import java.util.function.BooleanSupplier;

/**
 * Issue 13's failover and cold-start figures, with DEFAULT node settings (3 s shard leases, 1 s rounds, 5 s identify
 * windows): 3 node processes and 16 shards (max_concurrency 4) against the fake Discord (in this JVM, emitting 20
 * events/s per shard) and a Redis with AOF. Cold start: from the first node's start to the last shard READY, beside
 * the ideal ceil(N/M) x 5 s. Then {@code kills} times: SIGKILL a node (leader and non-leaders in turn), time until
 * every shard it ran is RESUMED on a survivor (the fake's log), start it again and wait for the rebalance. At the end
 * the streams are compared with the fake's log: events lost and duplicated.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.flotilla.bench.FailoverBenchmark [kills]}
 */
public final class FailoverBenchmark {
    private static final int SHARDS = 16;
    private static final int MAX_CONCURRENCY = 4;
    private static final List<String> NAMES = List.of("node-a", "node-b", "node-c");
    private static final Duration WAIT = Duration.ofSeconds(120);

    public static void main(String[] args) throws Exception {
        int kills = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Keys keys = Keys.defaults("bench");
        try (RedisProcess server = RedisProcess.startNew();
                FakeDiscord fake = FakeDiscord.start(FakeDiscordConfig.builder()
                        .shardCount(SHARDS)
                        .guildsPerShard(3)
                        .maxConcurrency(MAX_CONCURRENCY)
                        .sessionRetention(Duration.ofMinutes(5))
                        .build())) {
            RedisClient client = RedisClient.create(server.uri().toString());
            ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor();
            Map<String, String> env = new HashMap<>();
            env.put("BOT_TOKEN", fake.config().token());
            env.put("REDIS_URL", server.uri().toString());
            env.put("DISCORD_API_URL", fake.apiUrl().toString());
            env.put("GROUP_NAME", keys.group());
            try (StatefulRedisConnection<String, String> connection = client.connect();
                    NodeFleet fleet = new NodeFleet(env)) {
                RedisCommands<String, String> redis = connection.sync();
                ClusterWatch watch = new ClusterWatch(redis, keys);
                Instant started = Instant.now();
                for (String name : NAMES) {
                    fleet.start(name);
                }
                waitFor("the leader's first assignment", () -> redis.hlen(keys.assignment()) > 0);
                Instant planned = Instant.now();
                waitFor("every shard READY", () -> readyShards(fake) == SHARDS);
                List<Instant> ready = fake.log().identifies().stream()
                        .filter(identify -> identify.outcome().equals("READY"))
                        .map(IdentifyRecord::at)
                        .sorted()
                        .toList();
                Duration coldStart = Duration.between(started, ready.get(ready.size() - 1));
                Duration fromPlan = Duration.between(planned, ready.get(ready.size() - 1));
                Duration identifying = Duration.between(ready.get(0), ready.get(ready.size() - 1));
                waitFor("a balanced cluster", () -> watch.balanced(Set.copyOf(NAMES), SHARDS));
                traffic.scheduleAtFixedRate(() -> emit(fake), 0, 50, TimeUnit.MILLISECONDS);

                List<Double> recoveries = new ArrayList<>();
                int identifiesAfterKills = 0;
                for (int k = 0; k < kills; k++) {
                    String victim = NAMES.get(k % NAMES.size());
                    Set<Integer> shards = Set.copyOf(watch.running().getOrDefault(victim, Set.of()));
                    Thread.sleep(2_000);
                    Instant killed = Instant.now();
                    fleet.kill(victim);
                    waitFor("the shards of " + victim + " resumed", () -> resumedSince(fake, shards, killed) != null);
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
                    waitFor(
                            "the rebalance after " + victim + " came back",
                            () -> watch.balanced(Set.copyOf(NAMES), SHARDS));
                }
                traffic.shutdownNow();
                traffic.awaitTermination(5, TimeUnit.SECONDS);
                Thread.sleep(5_000); // the last events commit
                long[] checked = {0};
                String difference = StreamsMatchFake.difference(
                        fake.log(), CommittedEvents.read(redis, keys), StreamsMatchFake.gaps(redis, keys), checked);
                report(
                        kills,
                        recoveries,
                        identifiesAfterKills,
                        coldStart,
                        fromPlan,
                        identifying,
                        checked[0],
                        difference);
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
    private static @org.jspecify.annotations.Nullable Instant resumedSince(
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

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting for " + what + " after " + WAIT.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    private static void report(
            int kills,
            List<Double> recoveries,
            int identifies,
            Duration coldStart,
            Duration fromPlan,
            Duration identifying,
            long checked,
            @org.jspecify.annotations.Nullable String difference) {
        List<Double> sorted = recoveries.stream().sorted().toList();
        double p50 = sorted.get((sorted.size() - 1) / 2);
        double p99 = sorted.get((int) Math.ceil(0.99 * sorted.size()) - 1);
        double max = sorted.get(sorted.size() - 1);
        double ideal = Math.ceil((double) SHARDS / MAX_CONCURRENCY) * 5;
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
                "cold start of %d shards (max_concurrency %d) on 3 nodes: %.1f s from the first node's start, %.1f s from"
                        + " the leader's first assignment, %.1f s from the first READY to the last; ideal ceil(N/M) x 5 s"
                        + " = %.0f s%n",
                SHARDS,
                MAX_CONCURRENCY,
                coldStart.toMillis() / 1000.0,
                fromPlan.toMillis() / 1000.0,
                identifying.toMillis() / 1000.0,
                ideal);
    }
}
