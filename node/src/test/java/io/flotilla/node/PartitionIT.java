package io.flotilla.node;

import static io.flotilla.node.ClusterAsserts.assertOneConnectionPerShard;
import static io.flotilla.node.ClusterAsserts.assertStreamsMatchTheFake;
import static io.flotilla.node.ClusterAsserts.awaitBalanced;
import static io.flotilla.node.ClusterAsserts.awaitEverythingCommitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.cluster.endtoend.StreamsMatchFake;
import io.flotilla.fake.ConnectionEnd;
import io.flotilla.fake.ConnectionRecord;
import io.flotilla.fake.ResumeRecord;
import io.flotilla.testkit.NetNamespace;
import io.flotilla.testkit.PartitionNetwork;
import io.flotilla.testkit.RedisExtension;
import io.flotilla.testkit.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real network partitions (issue 17): two node processes, 16 shards, the fake Discord and a real Redis; node-b runs
 * in a network namespace ({@link PartitionNetwork}) whose path to one peer is cut silently (packets dropped both
 * ways: connections stay open and go quiet, as in a real partition, unlike the fault proxy's resets), then healed:
 *
 * <ol>
 *   <li>cut from Redis only, keeping its Discord connections: it must fence itself within its lease (close its
 *       gateway connections with a resumable code) while node-a takes its shards by RESUME; healed, it rejoins and
 *       gets shards back by hand-off;
 *   <li>cut from the fake Discord only, keeping Redis and its leases: its connections go zombie (no heartbeat ACK),
 *       it cannot reconnect until healed, then it resumes;
 *   <li>its whole link down (both peers at once) past its leases, then up.
 * </ol>
 *
 * <p>Throughout: never two live connections for one shard (the fake's log), no IDENTIFY after the cluster is up,
 * and at the end the streams equal the fake's log exactly once ({@link StreamsMatchFake}).
 */
@ExtendWith(RedisExtension.class)
class PartitionIT {
    private static final int SHARDS = 16;
    private static final List<String> NAMES = List.of("node-a", "node-b");
    /** Two JVMs starting and 16 shards identifying in 4 rounds, on a loaded two-core machine. */
    private static final Duration START = Duration.ofSeconds(90);
    /** Leases (2 s) and membership (2.5 s) running out, plus the resumes, with a wide margin for the load. */
    private static final Duration FAILOVER = Duration.ofSeconds(40);
    /** Long enough for every 2 s lease, the 2.5 s membership record and the fake's 1.5 s heartbeat timeout. */
    private static final Duration PARTITION = Duration.ofSeconds(5);

    @Test
    void aNodeCutOffFromRedisFromDiscordAndFromBothLosesNothingAndNeverLeavesTwoConnections(
            TestRedis redis, TestInfo test) throws Exception {
        try (PartitionNetwork network = PartitionNetwork.create();
                NodeCluster cluster = new NodeCluster(
                        redis, SHARDS, test.getTestMethod().orElseThrow().getName(), network)) {
            NetNamespace isolated = cluster.isolate("node-b");
            for (String name : NAMES) {
                cluster.start(name);
            }
            awaitBalanced(cluster, NAMES, START);
            Instant up = Instant.now();
            cluster.emit(1, Duration.ofMillis(100));
            Thread.sleep(1000);

            // 1. Cut from Redis: it fences itself and node-a resumes its shards.
            SortedSet<Integer> fenced = placementOf(cluster, "node-b");
            Instant cut = Instant.now();
            isolated.cut(cluster.redisPeer());
            awaitBalanced(cluster, List.of("node-a"), START);
            awaitResumedAfter(cluster, fenced, cut);
            System.out.println("partition: node-b's shards resumed on node-a within "
                    + Duration.between(cut, Instant.now()).toMillis() + " ms of its cut from Redis");
            Thread.sleep(2000); // a node that failed to fence would go on resuming its shards meanwhile
            assertOneConnectionPerShard(cluster, "after the cut from Redis");
            assertResumedOnceBetween(cluster, fenced, cut, Instant.now());
            assertThat(cluster.node("node-b").logText()).contains("fenced: its lease");
            assertClosedResumably(cluster, cut, fenced.size());
            isolated.heal(cluster.redisPeer());
            awaitBalanced(cluster, NAMES, START);

            // 2. Cut from the fake Discord: its connections go silent; healed, it resumes (or the shards moved).
            Thread.sleep(1000);
            SortedSet<Integer> silenced = placementOf(cluster, "node-b");
            isolated.cut(cluster.discordPeer());
            Thread.sleep(PARTITION);
            Instant healed = Instant.now();
            isolated.heal(cluster.discordPeer());
            awaitBalanced(cluster, NAMES, START);
            awaitResumedAfter(cluster, silenced, healed);
            assertThat(cluster.node("node-b").logText())
                    .as("the silent connections were found out by their missing heartbeat ACKs")
                    .contains("zombie connection");

            // 3. The whole link down past the leases, then up.
            Thread.sleep(1000);
            SortedSet<Integer> stranded = placementOf(cluster, "node-b");
            Instant down = Instant.now();
            isolated.linkDown();
            Thread.sleep(PARTITION);
            isolated.linkUp();
            awaitBalanced(cluster, NAMES, START);
            awaitResumedAfter(cluster, stranded, down);

            Thread.sleep(1000);
            cluster.pause();
            awaitEverythingCommitted(cluster, FAILOVER);
            System.out.println("partition: " + assertStreamsMatchTheFake(cluster) + " events checked, each once");
            assertOneConnectionPerShard(cluster, "at the end");
            assertThat(cluster.fake.log().identifies())
                    .as("no IDENTIFY once the cluster was up: every move and reconnect resumed")
                    .noneSatisfy(identify -> assertThat(identify.at()).isAfter(up));
            assertThat(cluster.fake.log().violations()).isEmpty();
        }
    }

    private static SortedSet<Integer> placementOf(NodeCluster cluster, String name) {
        SortedSet<Integer> shards = Objects.requireNonNull(cluster.placement().get(name), name);
        assertThat(shards).as("%s runs shards", name).isNotEmpty();
        return shards;
    }

    /** Each shard of {@code shards} is RESUMED (its session kept, no IDENTIFY) after {@code since}, soon. */
    private static void awaitResumedAfter(NodeCluster cluster, Set<Integer> shards, Instant since) {
        await().atMost(FAILOVER).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            List<ResumeRecord> resumes = cluster.fake.log().resumes().stream()
                    .filter(resume ->
                            resume.at().isAfter(since) && resume.outcome().equals("RESUMED"))
                    .toList();
            for (int shard : shards) {
                assertThat(resumes)
                        .as("shard %d resumed after %s", shard, since)
                        .anySatisfy(resume -> assertThat(resume.shardId()).isEqualTo(shard));
            }
        });
    }

    /**
     * In the window, each shard of {@code moved} was resumed exactly once (by its new owner) and no other shard at
     * all. The fake, like Discord, closes a session's old connection when a new one resumes it (4000), so a cut-off
     * node that does not fence itself never shows as two live connections: it shows as a resume fight, the old owner
     * resuming the session back, again and again.
     */
    private static void assertResumedOnceBetween(NodeCluster cluster, Set<Integer> moved, Instant from, Instant to) {
        Map<Integer, Long> resumes = cluster.fake.log().resumes().stream()
                .filter(resume -> resume.at().isAfter(from) && resume.at().isBefore(to))
                .collect(Collectors.groupingBy(ResumeRecord::shardId, TreeMap::new, Collectors.counting()));
        Map<Integer, Long> once = new TreeMap<>();
        moved.forEach(shard -> once.put(shard, 1L));
        assertThat(resumes)
                .as("resumes by shard after the cut: the moved shards once each, by their new owner")
                .isEqualTo(once);
    }

    /**
     * The cut-off node's connections ended, closed by the node itself (it could still reach the fake) or, when the
     * new owner's RESUME got there first, by the fake (seen once in CI: 7 of 8 closed by the node); the node's own
     * closes never with 1000/1001.
     */
    private static void assertClosedResumably(NodeCluster cluster, Instant since, int atLeast) {
        List<ConnectionRecord> ended = cluster.fake.log().connections().stream()
                .filter(connection -> connection.end() != ConnectionEnd.OPEN)
                .filter(connection ->
                        Objects.requireNonNull(connection.closedAt()).isAfter(since))
                .toList();
        assertThat(ended).as("connections that ended after the cut").hasSizeGreaterThanOrEqualTo(atLeast);
        List<ConnectionRecord> closed = ended.stream()
                .filter(connection -> connection.end() == ConnectionEnd.CLIENT_CLOSED)
                .toList();
        assertThat(closed)
                .as("connections the node closed itself after the cut")
                .isNotEmpty();
        assertThat(closed)
                .as("a fenced shard closes with a resumable code, never 1000/1001")
                .allSatisfy(connection -> assertThat(connection.closeCode()).isNotIn(1000, 1001));
    }
}
