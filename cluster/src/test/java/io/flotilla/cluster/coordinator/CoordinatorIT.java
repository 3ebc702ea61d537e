package io.flotilla.cluster.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flotilla.testkit.RedisExtension;
import io.flotilla.testkit.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@SuppressWarnings("deprecation") // TestRedis hands out its sync commands for checks
@ExtendWith(RedisExtension.class)
class CoordinatorIT {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final int SHARDS = 16;

    private TestRedis redis;
    private CoordinatorNodes nodes;

    @BeforeEach
    void setUp(TestRedis redis) {
        this.redis = redis;
        this.nodes = new CoordinatorNodes(redis);
    }

    @AfterEach
    void tearDown() {
        nodes.close();
    }

    @Test
    void sixteenShardsOverThreeCoordinatorsAreBalancedWithinOne() {
        List<CoordinatorNodes.Node> three =
                List.of(nodes.start("node-a", SHARDS), nodes.start("node-b", SHARDS), nodes.start("node-c", SHARDS));

        awaitBalanced(three);
        assertThat(three.stream().filter(node -> node.coordinator().view().leader()))
                .hasSize(1);
        assertThat(redis.commands().hgetall(nodes.keys.assignment())).hasSize(SHARDS);
        assertThat(redis.commands().hget(nodes.keys.config(), "shard_count")).startsWith(SHARDS + ":");
        assertThat(three.stream().flatMap(node -> node.host().coldStarts.stream()))
                .as("the leader told its identify gate the whole plan once, before placing it")
                .containsExactly(new java.util.TreeSet<>(
                        java.util.stream.IntStream.range(0, SHARDS).boxed().toList()));
        assertThat(three)
                .allSatisfy(node -> assertThat(node.host().calls("handOff")).isEmpty());
        assertThat(nodes.owners.breaches()).isEmpty();
    }

    @Test
    void aDrainedAndClosedCoordinatorsShardsMoveToTheOthersByHandOff() throws Exception {
        CoordinatorNodes.Node a = nodes.start("node-a", SHARDS);
        CoordinatorNodes.Node b = nodes.start("node-b", SHARDS);
        CoordinatorNodes.Node c = nodes.start("node-c", SHARDS);
        awaitBalanced(List.of(a, b, c));
        Set<Integer> hadC = c.host().running();

        boolean drained = c.coordinator()
                .awaitDrained(Duration.ofSeconds(15))
                .toCompletableFuture()
                .get(20, java.util.concurrent.TimeUnit.SECONDS);
        c.coordinator().close();

        assertThat(drained).as("drained before the grace passed").isTrue();
        awaitBalanced(List.of(a, b));
        assertThat(c.host().calls("handOff"))
                .extracting(FakeShardHost.Call::shard)
                .containsExactlyInAnyOrderElementsOf(hadC);
        assertThat(c.host().calls("fence"))
                .as("nothing was left to fence at close")
                .isEmpty();
        assertThat(redis.commands()
                        .exists(nodes.keys.node(c.coordinator().view().nodeId())))
                .isZero();
        assertThat(nodes.owners.breaches()).isEmpty();
    }

    @Test
    void anAbandonedCoordinatorsShardsStartOnTheSurvivorsOnlyAfterItsLeasesExpired() {
        CoordinatorNodes.Node a = nodes.start("node-a", SHARDS);
        CoordinatorNodes.Node b = nodes.start("node-b", SHARDS);
        CoordinatorNodes.Node c = nodes.start("node-c", SHARDS);
        awaitBalanced(List.of(a, b, c));
        CoordinatorNodes.Node crashed = List.of(a, b, c).stream()
                .filter(node -> node.coordinator().view().leader())
                .findFirst()
                .orElseThrow(); // the leader: the assignment must survive it
        List<CoordinatorNodes.Node> survivors =
                List.of(a, b, c).stream().filter(node -> node != crashed).toList();
        Set<Integer> lost = crashed.host().running();

        crashed.threads().shutdownNow(); // no renewal, no release, no goodbye
        Instant crash = Instant.now();
        crashed.host().crash();

        awaitBalanced(survivors);
        // Its last renewal was at most one renewal period before the crash; the keys lived a TTL after it.
        Instant earliest = crash.minus(CoordinatorNodes.LEASES.renewEvery()).plus(CoordinatorNodes.LEASES.ttl());
        assertThat(survivors.stream().flatMap(node -> node.host().calls("start").stream()))
                .filteredOn(call -> lost.contains(call.shard()))
                .hasSize(lost.size())
                .allSatisfy(call -> assertThat(call.at()).isAfterOrEqualTo(earliest.minusMillis(50)));
        assertThat(survivors.stream().filter(node -> node.coordinator().view().leader()))
                .hasSize(1);
        assertThat(nodes.owners.breaches()).isEmpty();
    }

    @Test
    void aJoiningCoordinatorGetsShardsByHandOff() {
        CoordinatorNodes.Node a = nodes.start("node-a", SHARDS);
        CoordinatorNodes.Node b = nodes.start("node-b", SHARDS);
        awaitBalanced(List.of(a, b));

        CoordinatorNodes.Node c = nodes.start("node-c", SHARDS);

        awaitBalanced(List.of(a, b, c));
        Set<Integer> handedOff = new HashSet<>();
        List.of(a, b).forEach(node -> node.host().calls("handOff").forEach(call -> handedOff.add(call.shard())));
        assertThat(handedOff).containsAll(c.host().running());
        assertThat(nodes.owners.breaches()).isEmpty();
    }

    @Test
    void aColdStartPlacesShardsOnceTheExpectedNodesJoinedInsteadOfWaitingOutTheDelay() {
        // A delay far longer than the test waits: only EXPECTED_NODES can end the wait in time.
        CoordinatorConfig config = CoordinatorNodes.config(SHARDS)
                .withTiming(
                        CoordinatorNodes.TICK,
                        Duration.ofSeconds(60),
                        CoordinatorNodes.LEASES,
                        CoordinatorNodes.MEMBERSHIP)
                .withExpectedNodes(2);
        CoordinatorNodes.Node a = nodes.node("node-a", config);
        a.coordinator().start();
        Instant started = Instant.now();
        CoordinatorNodes.Node b = nodes.node("node-b", config);
        b.coordinator().start();

        awaitBalanced(List.of(a, b));
        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(15));
        assertThat(List.of(a, b))
                .allSatisfy(node -> assertThat(node.host().calls("handOff"))
                        .as("placed on both at once, never moved")
                        .isEmpty());
    }

    @Test
    void aColdStartsFirstShardsStartWithinAFractionOfATickOnEveryNode() {
        // Ticks of 5 s: on ticks alone the leader would place up to a tick after the second node joined and that
        // node start its shards up to a tick after that (3 s or more in 82 % of runs); quick rounds take 1 s each.
        Duration tick = Duration.ofSeconds(5);
        CoordinatorConfig config = CoordinatorNodes.config(SHARDS)
                .withTiming(tick, Duration.ofSeconds(60), CoordinatorNodes.LEASES, CoordinatorNodes.MEMBERSHIP)
                .withExpectedNodes(2);
        CoordinatorNodes.Node a = nodes.node("node-a", config);
        a.coordinator().start();
        CoordinatorNodes.Node b = nodes.node("node-b", config);
        b.coordinator().start();
        Instant joined = Instant.now();

        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> a.host().running().size() + b.host().running().size() == SHARDS
                        && !a.host().running().isEmpty()
                        && !b.host().running().isEmpty());
        assertThat(Duration.between(joined, Instant.now())).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aCoordinatorWithAnotherShardCountIsRefused() {
        CoordinatorNodes.Node a = nodes.start("node-a", SHARDS);
        awaitBalanced(List.of(a));
        CoordinatorNodes.Node other = nodes.node("node-b", CoordinatorNodes.config(8));

        assertThatThrownBy(() -> other.coordinator().start())
                .isInstanceOf(ShardCountMismatchException.class)
                .hasMessageContaining("configured for 8 shards")
                .hasMessageContaining("runs 16 shards")
                .hasMessageContaining("SHARD_COUNT=16")
                .hasMessageContaining("stop all nodes");
        assertThat(other.host().calls).isEmpty();
        assertThat(a.coordinator().view().members()).hasSize(1);
    }

    /** Every shard runs on exactly one of {@code live}, each runs what is assigned to it, loads within one. */
    private void awaitBalanced(List<CoordinatorNodes.Node> live) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            List<Set<Integer>> running =
                    live.stream().map(node -> node.host().running()).toList();
            assertThat(running.stream().flatMap(Set::stream).sorted().toList())
                    .as("each shard once")
                    .isEqualTo(IntStream.range(0, SHARDS).boxed().toList());
            List<Integer> loads = running.stream().map(Set::size).toList();
            assertThat(loads.stream().mapToInt(Integer::intValue).max().orElseThrow()
                            - loads.stream().mapToInt(Integer::intValue).min().orElseThrow())
                    .as("loads %s", loads)
                    .isLessThanOrEqualTo(1);
            for (CoordinatorNodes.Node node : live) {
                CoordinatorView view = node.coordinator().view();
                assertThat(view.running())
                        .as(node.name())
                        .isEqualTo(view.assignment().shardsOf(view.nodeId()).stream()
                                .collect(Collectors.toSet()));
                assertThat(view.handingOff()).isEmpty();
            }
        });
    }
}
