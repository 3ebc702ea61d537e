package io.flotilla.bench;

import io.flotilla.fake.FakeDiscord;
import io.flotilla.fake.FakeDiscordConfig;
import io.flotilla.testkit.RedisProcess;
import io.flotilla.worker.Keys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Issue 17's "largest cluster this machine holds": 3 real node processes (-Xmx512m each, the Redis cache on) and the
 * fake Discord in this JVM (one guild per shard, max_concurrency 16, 100 ms identify windows so a step starts in
 * seconds), for growing shard counts, each on a fresh Redis. Per step: every shard READY, 20 s of 1 event per shard
 * per second, then one node SIGKILLed until its shards RESUMED elsewhere. Printed per step: start time, the nodes'
 * resident memory and CPU, Redis memory, reconnects the steady traffic caused, and the failover; the first step that
 * fails is named with what broke, and ends the probe.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.flotilla.bench.ScaleProbe [shards ...]} (default 1000 2000
 * 4000 8000)
 */
public final class ScaleProbe {
    private static final List<String> NAMES = List.of("node-a", "node-b", "node-c");
    private static final Duration STEADY = Duration.ofSeconds(20);

    private ScaleProbe() {}

    public static void main(String[] args) throws Exception {
        List<Integer> steps = args.length == 0
                ? List.of(1000, 2000, 4000, 8000)
                : java.util.Arrays.stream(args).map(Integer::parseInt).toList();
        System.out.println("| shards (3 nodes) | all READY after | RSS per node | node CPU, 1 event/s/shard | Redis"
                + " memory | reconnects in 20 s | SIGKILL of a node: its shards RESUMED after |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
        for (int shards : steps) {
            try {
                System.out.println(step(shards));
            } catch (RuntimeException e) {
                System.out.printf(Locale.ROOT, "| %,d | broke: %s | | | | | |%n", shards, e.getMessage());
                break;
            }
        }
    }

    private static String step(int shards) throws Exception {
        Keys keys = Keys.defaults("scale");
        try (RedisProcess server = RedisProcess.startNew();
                FakeDiscord fake = FakeDiscord.start(FakeDiscordConfig.builder()
                        .shardCount(shards)
                        .guildsPerShard(1)
                        .maxConcurrency(16)
                        .identifyWindow(Duration.ofMillis(100))
                        .sessionStartLimit(10 * shards)
                        .sessionRetention(Duration.ofMinutes(5))
                        .recordDispatches(false)
                        .build())) {
            Map<String, String> env = new HashMap<>();
            env.put("BOT_TOKEN", fake.config().token());
            env.put("REDIS_URL", server.uri().toString());
            env.put("DISCORD_API_URL", fake.apiUrl().toString());
            env.put("GROUP_NAME", keys.group());
            env.put("EXPECTED_NODES", "3");
            env.put("FLOTILLA_IDENTIFY_WINDOW_MS", "100");
            RedisClient client = RedisClient.create(server.uri().toString());
            ScheduledExecutorService traffic = Executors.newSingleThreadScheduledExecutor();
            try (StatefulRedisConnection<String, String> connection = client.connect();
                    NodeFleet fleet = new NodeFleet(env)) {
                RedisCommands<String, String> redis = connection.sync();
                Instant started = Instant.now();
                NAMES.forEach(name -> start(fleet, name));
                Poll.until(
                        "every shard READY",
                        Poll.WAIT,
                        Duration.ofMillis(50),
                        () -> FailoverBenchmark.readyShards(fake) == shards,
                        () -> FailoverBenchmark.readyShards(fake) + " of " + shards + " were");
                double ready = Duration.between(started, Instant.now()).toMillis() / 1000.0;

                int sessionsBefore =
                        fake.log().identifies().size() + fake.log().resumes().size();
                Map<String, Long> cpuBefore = cpuTicks(fleet);
                traffic.scheduleAtFixedRate(
                        () -> {
                            for (int shard = 0; shard < shards; shard++) {
                                fake.shard(shard).emit(1);
                            }
                        },
                        0,
                        1,
                        TimeUnit.SECONDS);
                Thread.sleep(STEADY.toMillis());
                double cpu = cpuShare(cpuBefore, cpuTicks(fleet));
                int reconnects =
                        fake.log().identifies().size() + fake.log().resumes().size() - sessionsBefore;
                long rss =
                        NAMES.stream().mapToLong(name -> rssKb(fleet.pid(name))).sum() / NAMES.size();
                String redisMemory = redisMemory(redis);

                String victim = NAMES.get(1);
                Set<Integer> its = new ClusterWatch(redis, keys).running().getOrDefault(victim, Set.of());
                Instant killed = Instant.now();
                fleet.kill(victim);
                Poll.until(
                        "the shards of " + victim + " RESUMED",
                        () -> FailoverBenchmark.resumedSince(fake, its, killed) != null);
                Instant last = FailoverBenchmark.resumedSince(fake, its, killed);
                return String.format(
                        Locale.ROOT,
                        "| %,d | %.1f s | %.0f MB | %.0f %% of a CPU per node | %s | %d | %,d shards in %.1f s |",
                        shards,
                        ready,
                        rss / 1024.0,
                        100 * cpu / NAMES.size(),
                        redisMemory,
                        reconnects,
                        its.size(),
                        Duration.between(killed, last).toMillis() / 1000.0);
            } finally {
                traffic.shutdownNow();
                client.shutdown();
            }
        }
    }

    private static void start(NodeFleet fleet, String name) {
        try {
            fleet.start(name);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("could not start " + name + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Long> cpuTicks(NodeFleet fleet) {
        Map<String, Long> ticks = new HashMap<>();
        for (String name : NAMES) {
            try {
                String[] stat = Files.readString(Path.of("/proc", Long.toString(fleet.pid(name)), "stat"))
                        .split(" ");
                ticks.put(name, Long.parseLong(stat[13]) + Long.parseLong(stat[14]));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(name + " is gone: " + e.getMessage(), e);
            }
        }
        ticks.put("at", System.nanoTime());
        return ticks;
    }

    /** The CPUs all nodes used between two samples (clock ticks of 10 ms). */
    private static double cpuShare(Map<String, Long> before, Map<String, Long> after) {
        double seconds = (after.getOrDefault("at", 0L) - before.getOrDefault("at", 0L)) / 1e9;
        long ticks = 0;
        for (String name : NAMES) {
            ticks += after.getOrDefault(name, 0L) - before.getOrDefault(name, 0L);
        }
        return ticks / 100.0 / seconds;
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("node " + pid + " is gone: " + e.getMessage(), e);
        }
        return 0;
    }

    private static String redisMemory(RedisCommands<String, String> redis) {
        for (String line : redis.info("memory").split("\r?\n")) {
            if (line.startsWith("used_memory_human:")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "?";
    }
}
