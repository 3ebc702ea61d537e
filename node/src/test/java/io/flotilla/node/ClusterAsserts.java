package io.flotilla.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.cluster.endtoend.CommittedEvents;
import io.flotilla.cluster.endtoend.StreamsMatchFake;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.stream.IntStream;

/**
 * The checks the multi-node end-to-end tests ({@link NodeClusterIT}, {@link PartitionIT}) share about a
 * {@link NodeCluster}: placement balanced, everything committed, one connection per shard, the streams equal to the
 * fake's log. Stateless; called from the test's thread (the waits poll on it).
 */
final class ClusterAsserts {
    private static final Duration POLL = Duration.ofMillis(250);

    private ClusterAsserts() {}

    /**
     * Waits up to {@code within} until every shard runs on exactly one of {@code names} (all alive, no other node
     * listed), within one of each other, each with its latest session committed.
     */
    static void awaitBalanced(NodeCluster cluster, List<String> names, Duration within) {
        await().atMost(within).pollInterval(POLL).untilAsserted(() -> {
            for (String name : names) {
                assertThat(cluster.node(name).alive()).as(name + " runs").isTrue();
            }
            Map<String, SortedSet<Integer>> placement = cluster.placement();
            assertThat(placement.keySet()).containsExactlyInAnyOrderElementsOf(names);
            List<Integer> all =
                    placement.values().stream().flatMap(Set::stream).sorted().toList();
            assertThat(all)
                    .as("every shard on exactly one node: %s", placement)
                    .isEqualTo(IntStream.range(0, cluster.shardCount).boxed().toList());
            int most = placement.values().stream().mapToInt(Set::size).max().orElseThrow();
            int least = placement.values().stream().mapToInt(Set::size).min().orElseThrow();
            assertThat(most - least).as("balanced within one: %s", placement).isLessThanOrEqualTo(1);
            for (int shard = 0; shard < cluster.shardCount; shard++) {
                assertThat(cluster.stored(shard).getKey())
                        .as("shard %d's session is committed", shard)
                        .isNotEmpty()
                        .isEqualTo(cluster.latestSession(shard).orElse("none"));
            }
        });
    }

    /** Waits up to {@code within} until each shard's stored seq reaches the last seq the fake produced in its session. */
    static void awaitEverythingCommitted(NodeCluster cluster, Duration within) {
        await().atMost(within)
                .pollInterval(POLL)
                .untilAsserted(() -> assertThat(cluster.uncommitted())
                        .as("shards whose committed seq is not the fake's last of their session")
                        .isEmpty());
    }

    /** No shard ever had two live connections at once in the fake's log, up to now ({@code when}, for the message). */
    static void assertOneConnectionPerShard(NodeCluster cluster, String when) {
        for (int shard = 0; shard < cluster.shardCount; shard++) {
            assertThat(cluster.fake.log().maxConcurrentConnections(shard))
                    .as("live connections of shard %d at once, %s", shard, when)
                    .isLessThanOrEqualTo(1);
        }
    }

    /**
     * The streams hold every dispatch of every session the fake started exactly once, by (shard, session, seq)
     * ({@link StreamsMatchFake}), and no gap record says a session was lost. Returns how many events it compared
     * (at least one).
     */
    @SuppressWarnings("deprecation") // TestRedis hands out its commands
    static long assertStreamsMatchTheFake(NodeCluster cluster) {
        CommittedEvents committed = CommittedEvents.read(cluster.redis.commands(), cluster.keys);
        List<StreamsMatchFake.Gap> gaps = StreamsMatchFake.gaps(cluster.redis.commands(), cluster.keys);
        long[] checked = {0};
        assertThat(StreamsMatchFake.difference(cluster.fake.log(), committed, gaps, checked))
                .as("the streams against the fake's log, by (shard, session, seq), once each")
                .isNull();
        assertThat(gaps).as("gap records: no session was lost").isEmpty();
        assertThat(checked[0]).isPositive();
        return checked[0];
    }
}
