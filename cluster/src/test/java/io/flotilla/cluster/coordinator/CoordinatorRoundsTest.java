package io.flotilla.cluster.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The coordinator's decisions, played by a whole cluster on a fake clock ({@link ClusterSim}). */
class CoordinatorRoundsTest {
    private static final Duration SETTLE = Duration.ofSeconds(10);

    @Test
    void sixteenShardsOnThreeNodesAreBalancedWithinOneAndEachRunsOnce() {
        ClusterSim sim = ClusterSim.withNodes(3).withShards(16).advance(SETTLE);

        assertBalanced(sim, 16, List.of("node-a", "node-b", "node-c"));
        assertThat(sim.starts).as("every shard started once, nothing moved").hasSize(16);
        assertThat(sim.breaches).isEmpty();
    }

    @Test
    void aCrashedNodesShardsStartElsewhereOnlyOnceItsLeasesExpired() {
        ClusterSim sim = ClusterSim.withNodes(3).withShards(16).advance(SETTLE);
        Set<Integer> lost = Set.copyOf(sim.runningOn("node-a"));
        Instant lastRenewal = sim.now.minus(ClusterSim.TICK); // the last step ran one tick ago
        int before = sim.starts.size();

        sim.crash("node-a"); // the leader: a new one is elected, the assignment stays in "Redis"
        sim.advance(SETTLE);

        assertBalanced(sim, 16, List.of("node-b", "node-c"));
        List<ClusterSim.Start> restarts = sim.starts.subList(before, sim.starts.size());
        assertThat(restarts).extracting(ClusterSim.Start::shard).containsExactlyInAnyOrderElementsOf(lost);
        assertThat(restarts)
                .allSatisfy(start -> assertThat(start.at()).isAfterOrEqualTo(lastRenewal.plus(ClusterSim.LEASE_TTL)));
        assertThat(sim.leaderId()).hasValueSatisfying(id -> assertThat(id).isNotEqualTo("node-a"));
        assertThat(sim.breaches).isEmpty();
    }

    @Test
    void aDrainingNodeIsEmptiedByBoundedHandOffsAndTheOthersStayBalanced() {
        ClusterSim sim = ClusterSim.withNodes(3).withShards(16).withMaxMoves(2).advance(SETTLE);

        sim.drain("node-b");
        sim.advance(SETTLE);

        assertThat(sim.runningOn("node-b")).isEmpty();
        assertThat(sim.node("node-b").held())
                .as("every lease released after its hand-off")
                .isEmpty();
        assertBalanced(sim, 16, List.of("node-a", "node-c"));
        // The Assignor makes at least one drain move per round, even when hand-offs in flight take the whole bound.
        assertThat(sim.maxInFlight).as("hand-offs at once").isLessThanOrEqualTo(2 + 1);
        assertThat(sim.breaches).isEmpty();
    }

    @Test
    void aJoiningNodeGetsShardsByHandOffUntilBalanced() {
        ClusterSim sim = ClusterSim.withNodes(2).withShards(16).advance(SETTLE);
        assertBalanced(sim, 16, List.of("node-a", "node-b"));

        sim.join();
        sim.advance(SETTLE);

        assertBalanced(sim, 16, List.of("node-a", "node-b", "node-c"));
        assertThat(sim.runningOn("node-c")).hasSize(5);
        assertThat(sim.maxInFlight).isLessThanOrEqualTo(2);
        assertThat(sim.breaches).isEmpty();
    }

    @Test
    void fewerShardsThanNodesLeavesANodeWithNone() {
        ClusterSim sim = ClusterSim.withNodes(3).withShards(2).advance(SETTLE);

        assertThat(sim.nodes.values().stream()
                        .mapToInt(node -> node.running.size())
                        .sum())
                .isEqualTo(2);
        assertThat(sim.nodes.values())
                .anySatisfy(node -> assertThat(node.running).isEmpty());
        assertThat(sim.breaches).isEmpty();
    }

    @Test
    void aCrashInTheMiddleOfAHandOffNeverGivesAShardTwoOwners() {
        ClusterSim sim = ClusterSim.withNodes(2).withShards(16).advance(SETTLE);
        sim.join();
        sim.advance(ClusterSim.TICK.multipliedBy(3)); // hand-offs to node-c under way
        sim.crash("node-b");
        sim.advance(SETTLE);
        sim.crash("node-a");
        sim.advance(SETTLE);

        assertThat(sim.runningOn("node-c")).containsExactlyElementsOf(range(16));
        assertThat(sim.breaches).isEmpty();
    }

    private static void assertBalanced(ClusterSim sim, int shards, List<String> live) {
        Map<String, Integer> loads = live.stream()
                .collect(Collectors.toMap(id -> id, id -> sim.runningOn(id).size()));
        assertThat(loads.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(shards);
        int min = loads.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
        int max = loads.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertThat(max - min).as("loads %s", loads).isLessThanOrEqualTo(1);
        for (String id : live) {
            assertThat(sim.runningOn(id))
                    .as("%s runs what is assigned to it", id)
                    .containsExactlyElementsOf(sim.assignment().shardsOf(id));
        }
    }

    private static TreeSet<Integer> range(int count) {
        return IntStream.range(0, count).boxed().collect(Collectors.toCollection(TreeSet::new));
    }
}
