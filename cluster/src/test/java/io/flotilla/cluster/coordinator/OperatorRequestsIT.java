package io.flotilla.cluster.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.cluster.identify.RedisIdentifyBudget;
import io.flotilla.cluster.identify.SessionBudget;
import io.flotilla.cluster.status.ClusterControl;
import io.flotilla.cluster.status.ClusterSnapshot;
import io.flotilla.cluster.status.ClusterSnapshotReader;
import io.flotilla.cluster.status.ControlResult;
import io.flotilla.testkit.RedisExtension;
import io.flotilla.testkit.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator's view and requests ({@code cluster.status}) against real coordinators on a real Redis: the snapshot
 * shows what they run, a drain request drains a node that keeps running, a move request moves a shard by hand-off
 * and balance leaves it there, and bad requests are refused with the reason.
 */
@ExtendWith(RedisExtension.class)
class OperatorRequestsIT {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private CoordinatorNodes nodes;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private ClusterSnapshotReader reader;
    private ClusterControl control;

    @BeforeEach
    void setUp(TestRedis redis) {
        nodes = new CoordinatorNodes(redis);
        client = RedisClient.create(redis.uri().toString());
        connection = client.connect();
        reader = new ClusterSnapshotReader(connection, nodes.keys, InstantSource.system(), 2, TIMEOUT);
        control = new ClusterControl(connection, nodes.keys, InstantSource.system(), TIMEOUT);
    }

    @AfterEach
    void tearDown() {
        nodes.close();
        connection.close();
        client.shutdown();
    }

    @Test
    void theSnapshotShowsTheNodesTheLeaderAndWhoRunsEachShard() {
        CoordinatorNodes.Node a = nodes.start("node-a", 8);
        CoordinatorNodes.Node b = nodes.start("node-b", 8);
        awaitSpread(List.of(a, b), 8);
        new RedisIdentifyBudget(connection, nodes.keys)
                .record(new SessionBudget(1000, 990, Instant.now().plusSeconds(3600)))
                .toCompletableFuture()
                .join();

        ClusterSnapshot snapshot = reader.read();

        assertThat(snapshot.shardCount()).isEqualTo(8);
        assertThat(snapshot.nodes())
                .extracting(ClusterSnapshot.Node::name)
                .containsExactlyInAnyOrder("node-a", "node-b");
        assertThat(snapshot.nodes()).allMatch(ClusterSnapshot.Node::alive);
        assertThat(snapshot.nodes().stream().filter(ClusterSnapshot.Node::leader))
                .hasSize(1);
        assertThat(snapshot.leader()).isNotNull();
        assertThat(snapshot.identify()).isNotNull().satisfies(budget -> {
            assertThat(budget.remaining()).isEqualTo(990);
            assertThat(budget.total()).isEqualTo(1000);
            assertThat(budget.reserve()).isEqualTo(2);
        });
        assertThat(snapshot.shards()).hasSize(8).allSatisfy(shard -> {
            assertThat(shard.assignedTo()).isNotNull().isEqualTo(shard.leaseOwner());
            assertThat(shard.leaseEpoch()).isPositive();
            assertThat(shard.state()).isEqualTo("UNKNOWN"); // these coordinators publish no shard status
        });
        assertThat(snapshot.shards().stream()
                        .filter(shard -> a.coordinator().view().nodeId().equals(shard.leaseOwner())))
                .hasSize(a.host().running().size());
        String json = snapshot.toJson(new ObjectMapper());
        assertThat(json)
                .contains("\"shard_count\":8", "\"name\":\"node-a\"", "\"reserve\"")
                .doesNotContain("password");
    }

    @Test
    void aDrainedNodeHandsEveryShardOffAndKeepsRunning() {
        CoordinatorNodes.Node a = nodes.start("node-a", 8);
        CoordinatorNodes.Node b = nodes.start("node-b", 8);
        awaitSpread(List.of(a, b), 8);
        Set<Integer> hadB = new TreeSet<>(b.host().running());

        ControlResult drained = control.drain("node-b");

        assertThat(drained.outcome()).as(drained.message()).isEqualTo(ControlResult.Outcome.REQUESTED);
        assertThat(drained.message()).contains("node-b", "drains");
        awaitSpread(List.of(a), 8);
        assertThat(b.host().calls("handOff"))
                .extracting(FakeShardHost.Call::shard)
                .containsAll(hadB);
        assertThat(b.coordinator().view().draining()).isTrue();
        await().atMost(PATIENCE).untilAsserted(() -> {
            ClusterSnapshot snapshot = reader.read();
            ClusterSnapshot.Node nodeB = snapshot.live("node-b").get(0);
            assertThat(nodeB.draining()).isTrue();
            assertThat(nodeB.shards()).isEmpty();
            assertThat(snapshot.handOffs())
                    .extracting(ClusterSnapshot.HandOff::shard)
                    .containsAll(hadB);
        });
        assertThat(control.drain("node-b").outcome()).isEqualTo(ControlResult.Outcome.ALREADY_DONE);
        assertThat(connectionHasNoRequests(b)).isTrue();
        assertThat(nodes.owners.breaches()).isEmpty();
    }

    @Test
    void aMovedShardRunsOnTheNamedNodeAndBalanceLeavesItThere() {
        CoordinatorNodes.Node a = nodes.start("node-a", 4);
        CoordinatorNodes.Node b = nodes.start("node-b", 4);
        awaitSpread(List.of(a, b), 4);
        // The highest shard of a node is the one balance would move first: moved away, it would come straight back.
        int shard = new TreeSet<>(a.host().running()).last();

        ControlResult moved = control.move(shard, "node-b");

        assertThat(moved.outcome()).as(moved.message()).isEqualTo(ControlResult.Outcome.REQUESTED);
        assertThat(moved.message()).contains("shard " + shard, "node-a", "node-b");
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(b.host().running()).contains(shard);
            assertThat(a.host().running()).doesNotContain(shard).hasSize(2);
        });
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(
                        () -> assertThat(b.host().running()).contains(shard).hasSize(2));
        assertThat(control.move(shard, "node-b").outcome()).isEqualTo(ControlResult.Outcome.ALREADY_DONE);
        assertThat(connection.sync().exists(nodes.keys.moveRequests())).isZero();
        assertThat(nodes.owners.breaches()).isEmpty();
    }

    @Test
    void badRequestsAreRefusedWithTheReason() {
        CoordinatorNodes.Node a = nodes.start("node-a", 4);
        CoordinatorNodes.Node b = nodes.start("node-b", 4);
        awaitSpread(List.of(a, b), 4);

        ControlResult outOfRange = control.move(4, "node-a");
        ControlResult unknownNode = control.move(0, "node-z");
        ControlResult unknownDrain = control.drain("node-z");
        b.coordinator().drain();
        await().atMost(PATIENCE).until(() -> reader.read().live("node-b").get(0).draining());
        ControlResult ontoDraining = control.move(0, "node-b");

        assertThat(List.of(outOfRange, unknownNode, unknownDrain, ontoDraining))
                .allMatch(result -> result.outcome() == ControlResult.Outcome.REFUSED && !result.accepted());
        assertThat(outOfRange.message()).contains("shard 4 is out of range", "0..3");
        assertThat(unknownNode.message()).contains("no live node named node-z", "node-a", "node-b");
        assertThat(unknownDrain.message()).contains("no live node named node-z");
        assertThat(ontoDraining.message()).contains("node-b is draining");
        assertThat(connection.sync().exists(nodes.keys.moveRequests())).isZero();
    }

    private boolean connectionHasNoRequests(CoordinatorNodes.Node node) {
        return connection
                        .sync()
                        .exists(nodes.keys.drainRequest(
                                node.coordinator().view().nodeId()))
                == 0;
    }

    /** Every shard runs on exactly one of {@code live}, loads within one, nothing in flight. */
    private static void awaitSpread(List<CoordinatorNodes.Node> live, int shards) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            List<Integer> all = live.stream()
                    .flatMap(node -> node.host().running().stream())
                    .sorted()
                    .toList();
            assertThat(all).isEqualTo(IntStream.range(0, shards).boxed().toList());
            List<Integer> loads =
                    live.stream().map(node -> node.host().running().size()).toList();
            assertThat(loads.stream().mapToInt(Integer::intValue).max().orElseThrow()
                            - loads.stream().mapToInt(Integer::intValue).min().orElseThrow())
                    .isLessThanOrEqualTo(1);
            live.forEach(
                    node -> assertThat(node.coordinator().view().handingOff()).isEmpty());
        });
    }
}
