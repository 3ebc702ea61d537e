package io.flotilla.node;

import static io.flotilla.node.ClusterAsserts.assertOneConnectionPerShard;
import static io.flotilla.node.ClusterAsserts.assertStreamsMatchTheFake;
import static io.flotilla.node.ClusterAsserts.awaitBalanced;
import static io.flotilla.node.ClusterAsserts.awaitEverythingCommitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.fake.IdentifyRecord;
import io.flotilla.fake.ResumeRecord;
import io.flotilla.testkit.RedisExtension;
import io.flotilla.testkit.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Three real node processes ({@link NodeProcess}), 16 shards, the fake Discord in this JVM and a real Redis: the
 * cluster starts every shard once, balanced, within the identify buckets; a node killed with SIGKILL and a node
 * stopped with SIGTERM lose their shards to the survivors by RESUME, never two connections for one shard, and the
 * event streams hold every dispatch the fake produced exactly once.
 */
@ExtendWith(RedisExtension.class)
class NodeClusterIT {
    private static final int SHARDS = 16;
    private static final List<String> NAMES = List.of("node-a", "node-b", "node-c");
    /** Three JVMs starting and 16 shards identifying in 4 rounds, on a loaded two-core machine. */
    private static final Duration START = Duration.ofSeconds(120);
    /** Membership and lease expiry (2.5 s, 2 s) plus the resumes, with a wide margin for the load. */
    private static final Duration FAILOVER = Duration.ofSeconds(45);

    @Test
    void threeNodesRunEveryShardOnceBalancedWithinTheIdentifyBuckets(TestRedis redis, TestInfo test) throws Exception {
        try (NodeCluster cluster = new NodeCluster(
                redis, SHARDS, test.getTestMethod().orElseThrow().getName())) {
            startAll(cluster);
            awaitBalanced(cluster, NAMES, START);

            assertIdentifiesPaced(cluster.fake.log().identifies());
            assertOneConnectionPerShard(cluster, "at the end");
            assertThat(cluster.fake.log().violations()).isEmpty();
        }
    }

    @Test
    void aKilledNonLeaderThenTheKilledLeaderLeaveTheirShardsResumedOnTheSurvivorWithEveryEventOnce(
            TestRedis redis, TestInfo test) throws Exception {
        try (NodeCluster cluster = new NodeCluster(
                redis, SHARDS, test.getTestMethod().orElseThrow().getName())) {
            startAll(cluster);
            awaitBalanced(cluster, NAMES, START);
            cluster.emit(1);
            Thread.sleep(1500);

            String leader = cluster.leader().orElseThrow();
            List<String> others =
                    NAMES.stream().filter(name -> !name.equals(leader)).toList();
            String follower = others.get(0);
            SortedSet<Integer> lost =
                    java.util.Objects.requireNonNull(cluster.placement().get(follower));
            Instant killedAt = Instant.now();
            cluster.node(follower).kill(); // a non-leader first
            awaitBalanced(cluster, List.of(leader, others.get(1)), START);
            assertResumedNotIdentified(cluster, lost, killedAt);

            SortedSet<Integer> leaderShards =
                    java.util.Objects.requireNonNull(cluster.placement().get(leader));
            Instant leaderKilledAt = Instant.now();
            cluster.node(leader).kill(); // then the leader: the survivor takes over the lead and every shard
            awaitBalanced(cluster, List.of(others.get(1)), START);
            Thread.sleep(1000); // live events after the resumes
            cluster.pause();

            assertResumedNotIdentified(cluster, leaderShards, leaderKilledAt);
            assertThat(cluster.leader()).contains(others.get(1));
            awaitEverythingCommitted(cluster, FAILOVER);
            assertStreamsMatchTheFake(cluster);
            assertOneConnectionPerShard(cluster, "at the end");
        }
    }

    @Test
    void aTerminatedNodeHandsItsShardsOffByResumeAndExitsZero(TestRedis redis, TestInfo test) throws Exception {
        try (NodeCluster cluster = new NodeCluster(
                redis, SHARDS, test.getTestMethod().orElseThrow().getName())) {
            startAll(cluster);
            awaitBalanced(cluster, NAMES, START);
            cluster.emit(1);
            Thread.sleep(1500);

            SortedSet<Integer> moved =
                    java.util.Objects.requireNonNull(cluster.placement().get("node-c"));
            Instant stoppedAt = Instant.now();
            cluster.node("node-c").terminate();
            assertThat(cluster.node("node-c").awaitExit(Duration.ofSeconds(25)))
                    .as(
                            "exit code within SHUTDOWN_GRACE (20 s) plus the JVM's exit; log: %s",
                            cluster.node("node-c").log())
                    .isZero();
            awaitBalanced(cluster, List.of("node-a", "node-b"), START);
            Thread.sleep(1000);
            cluster.pause();

            assertResumedNotIdentified(cluster, moved, stoppedAt);
            awaitEverythingCommitted(cluster, FAILOVER);
            assertStreamsMatchTheFake(cluster);
            assertOneConnectionPerShard(cluster, "at the end");
            assertThat(cluster.fake.log().sessionEnds())
                    .as("a graceful stop never ends a session")
                    .isEmpty();
        }
    }

    @Test
    void aFrozenNodePastItsLeasesIsFencedAndCommitsNothingOnceTheNewOwnersRun(TestRedis redis, TestInfo test)
            throws Exception {
        try (NodeCluster cluster = new NodeCluster(
                redis, SHARDS, test.getTestMethod().orElseThrow().getName())) {
            startAll(cluster);
            awaitBalanced(cluster, NAMES, START);
            cluster.emit(1);
            Thread.sleep(1500);

            SortedSet<Integer> taken =
                    java.util.Objects.requireNonNull(cluster.placement().get("node-b"));
            Instant frozenAt = Instant.now();
            cluster.node("node-b").freeze(); // SIGSTOP: its leases (2 s) and its record (2.5 s) expire
            awaitBalanced(cluster, List.of("node-a", "node-c"), START);
            cluster.node("node-b").thaw(); // SIGCONT: it must find its leases gone and fence every shard
            await().atMost(FAILOVER)
                    .untilAsserted(
                            () -> assertThat(cluster.node("node-b").logText()).contains("fenced: its lease"));
            awaitBalanced(cluster, NAMES, START); // it rejoins and gets shards again, by hand-off
            Thread.sleep(1000);
            cluster.pause();

            assertResumedNotIdentified(cluster, taken, frozenAt);
            awaitEverythingCommitted(cluster, FAILOVER);
            assertStreamsMatchTheFake(cluster);
            assertOneConnectionPerShard(cluster, "at the end");
        }
    }

    private static void startAll(NodeCluster cluster) throws Exception {
        for (String name : NAMES) {
            cluster.start(name);
        }
    }

    /** Per bucket ({@code shard % max_concurrency}) successive IDENTIFYs are at least the fake's window apart. */
    private static void assertIdentifiesPaced(List<IdentifyRecord> identifies) {
        assertThat(identifies)
                .isNotEmpty()
                .allSatisfy(identify -> assertThat(identify.outcome()).isEqualTo("READY"));
        Map<Integer, List<Instant>> byBucket = identifies.stream()
                .collect(Collectors.groupingBy(
                        identify -> identify.shardId() % NodeCluster.MAX_CONCURRENCY,
                        Collectors.mapping(IdentifyRecord::at, Collectors.toList())));
        byBucket.forEach((bucket, times) -> {
            List<Instant> sorted = times.stream().sorted().toList();
            for (int i = 1; i < sorted.size(); i++) {
                assertThat(Duration.between(sorted.get(i - 1), sorted.get(i)))
                        .as("bucket %d identifies %d and %d", bucket, i - 1, i)
                        .isGreaterThanOrEqualTo(NodeCluster.IDENTIFY_WINDOW);
            }
        });
        // Buckets in order (GATEWAY.md 14.6): round r (shards r*M .. r*M+M-1) is granted before round r+1, however late
        // a node starts its shards (the leader registers the plan first; RedisIdentifyGateIT checks the grants). The
        // fake sees each IDENTIFY when its node sends it, so a grant of round r and one of round r+1 made a moment
        // apart on two nodes may arrive swapped by the slower node's send delay: seen up to 0.66 s on a 2-core machine
        // at load 7, where a test round is only 0.65 s. Allowed: a window plus 0.3 s; a later round going first by
        // whole rounds (1.4 s before the plan was registered) is not.
        List<IdentifyRecord> byTime = identifies.stream()
                .sorted(java.util.Comparator.comparing(IdentifyRecord::at))
                .toList();
        for (int i = 0; i < byTime.size(); i++) {
            for (int j = i + 1; j < byTime.size(); j++) {
                IdentifyRecord early = byTime.get(i);
                IdentifyRecord late = byTime.get(j);
                if (early.shardId() / NodeCluster.MAX_CONCURRENCY > late.shardId() / NodeCluster.MAX_CONCURRENCY) {
                    assertThat(Duration.between(early.at(), late.at()))
                            .as("shard %d (a later round) identified before shard %d", early.shardId(), late.shardId())
                            .isLessThan(NodeCluster.IDENTIFY_WINDOW.plusMillis(300));
                }
            }
        }
    }

    /**
     * The moved shards come back by RESUME (the same sessions) soon, and none identified after {@code since}. Waited
     * for: a balanced placement lists a shard on its new node as soon as the node claims it, before its RESUME is
     * answered (seen once: shard 10 of 4 moved shards not resumed yet when the placement was balanced).
     */
    private static void assertResumedNotIdentified(NodeCluster cluster, Set<Integer> shards, Instant since) {
        assertThat(shards).isNotEmpty();
        await().atMost(FAILOVER).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            List<ResumeRecord> resumes = cluster.fake.log().resumes().stream()
                    .filter(resume -> resume.at().isAfter(since))
                    .toList();
            for (int shard : shards) {
                assertThat(resumes)
                        .as("shard %d resumed after the node went", shard)
                        .anySatisfy(resume -> {
                            assertThat(resume.shardId()).isEqualTo(shard);
                            assertThat(resume.outcome()).isEqualTo("RESUMED");
                        });
            }
        });
        assertThat(cluster.fake.log().identifies())
                .as("no IDENTIFY after the node went")
                .noneSatisfy(identify -> assertThat(identify.at()).isAfter(since));
    }
}
