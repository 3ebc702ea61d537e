package io.flotilla.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.fake.FakeLog;
import io.flotilla.testkit.FaultProxy;
import io.flotilla.testkit.PartitionNetwork;
import io.flotilla.testkit.RedisProcess;
import io.flotilla.testkit.TestRedis;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chaos soak (issue 17): 3 node processes, 32 shards, the fake Discord's chaos mode, and on a seeded schedule
 * node kills, freezes past the leases and drains, Redis delays, holds, cuts, a Redis kill and a restart on a rolled
 * back copy of its data, network partitions (each node runs in a network namespace of its own, whose path to Redis
 * or to the fake is cut silently for a few seconds) and worker kills; two worker processes consume every event and
 * send commands throughout ({@link SoakWorkers}); then {@link SoakChecks}. The short form runs in the build with a
 * fixed seed;
 * {@code -Dflotilla.soak.minutes=30 -Dflotilla.soak.seed=N} runs a long one (bin/soak). A failure prints the seed,
 * the schedule up to the failure and the first difference; the schedule is also written to
 * {@code target/soak-schedule.txt}, and the fake's identifies, resumes and session ends to
 * {@code target/soak-fake-log.txt}.
 */
class ChaosSoakIT {
    private static final int SHARDS = 32;

    @Test
    void aSoakOfKillsFreezesDrainsAndRedisFaultsLosesNothingAndRepeatsNothing() throws Exception {
        long seed = Long.getLong("flotilla.soak.seed", 17L);
        double minutes = Double.parseDouble(System.getProperty("flotilla.soak.minutes", "1.5"));
        System.out.println("soak seed " + seed + ", " + minutes + " min of faults");
        try (PartitionNetwork network = PartitionNetwork.create();
                RedisProcess redis = RedisProcess.startNew();
                FaultProxy proxy = FaultProxy.to(redis.uri(), network.hub()); // where the namespaces reach it
                TestRedis view = TestRedis.of(redis.uri(), "soak:");
                NodeCluster cluster = new NodeCluster(view, SHARDS, "chaosSoak", network);
                SoakWorkers workers = new SoakWorkers(cluster, proxy.uri(), seed, "chaosSoak")) {
            cluster.routeNodesThrough(proxy.uri());
            Soak.NAMES.forEach(cluster::isolate);
            // The cache is compared with the fake's whole world, so the nodes ask for every event that changes it:
            // members and presences too (privileged; the fake grants them).
            cluster.setEnv("CACHE_MODE", "redis");
            cluster.setEnv("INTENTS", Long.toString(io.flotilla.protocol.Intents.KNOWN));
            Soak soak = new Soak(seed, cluster, redis, proxy, workers);
            List<String> problems;
            try {
                soak.run(Duration.ofMillis((long) (minutes * 60_000)));
                soak.settle(Duration.ofSeconds(120));
                problems = SoakChecks.check(cluster, soak);
            } finally {
                Files.writeString(
                        Path.of("target", "soak-schedule.txt"),
                        "seed " + seed + "\n" + String.join("\n", soak.schedule()) + "\n",
                        StandardCharsets.UTF_8);
                // What the fake did to sessions, for reading beside the node logs after a failure.
                FakeLog log = cluster.fake.log();
                List<Object> records = new ArrayList<>();
                records.addAll(log.identifies());
                records.addAll(log.resumes());
                records.addAll(log.sessionEnds());
                Files.write(
                        Path.of("target", "soak-fake-log.txt"),
                        records.stream().map(Object::toString).toList(),
                        StandardCharsets.UTF_8);
            }
            String summary = problems.getLast();
            System.out.println("soak: " + summary);
            assertThat(problems.subList(0, problems.size() - 1))
                    .as("seed %d; schedule:%n%s%n%s", seed, String.join("\n", soak.schedule()), summary)
                    .isEmpty();
        }
    }
}
