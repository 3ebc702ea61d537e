package io.flotilla.cluster.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.testkit.RedisExtension;
import io.flotilla.testkit.TestRedis;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@SuppressWarnings("deprecation") // TestRedis hands out its sync commands for checks
@ExtendWith(RedisExtension.class)
class LeaderLeaseIT {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private TestRedis redis;
    private LeaseNodes nodes;

    @BeforeEach
    void setUp(TestRedis redis) {
        this.redis = redis;
        this.nodes = new LeaseNodes(redis);
    }

    @AfterEach
    void tearDown() throws Exception {
        nodes.close();
    }

    @Test
    void ofTwoContendersOneLeadsAndItsRenewalsKeepIt() {
        LeaseNodes.Events eventsA = new LeaseNodes.Events();
        LeaseNodes.Events eventsB = new LeaseNodes.Events();
        LeaderLease a = nodes.leader("a", eventsA);
        LeaderLease b = nodes.leader("b", eventsB);
        a.start();
        b.start();

        await().atMost(PATIENCE)
                .until(() -> a.current().isPresent() || b.current().isPresent());
        LeaderLease leader = a.current().isPresent() ? a : b;
        LeaderTerm term = leader.current().orElseThrow();

        // Three TTLs later the same term still leads: the renewals kept it, and nobody else was elected.
        await().during(Duration.ofMillis(4500))
                .atMost(PATIENCE)
                .until(() -> leader.current().equals(java.util.Optional.of(term)));
        assertThat(redis.commands().get(nodes.keys.leader())).isEqualTo(term.token());
        assertThat(leader.holder()).contains(term);
        assertThat(redis.commands().pttl(nodes.keys.leader())).isPositive();
        assertThat(List.of(eventsA.log, eventsB.log).stream()
                        .flatMap(List::stream)
                        .filter(e -> e.startsWith("elected")))
                .containsExactly("elected " + term.epoch());
    }

    @Test
    void aLeaderThatStopsRenewingLosesAfterTheTtlAndTheOtherTakesOverWithAHigherEpoch() {
        LeaseNodes.Events eventsA = new LeaseNodes.Events();
        LeaseNodes.Events eventsB = new LeaseNodes.Events();
        ScheduledExecutorService schedulerA = nodes.scheduler();
        LeaderLease a = nodes.leader("a", eventsA, schedulerA);
        a.start();
        await().atMost(PATIENCE).until(() -> a.current().isPresent());
        LeaderTerm first = a.current().orElseThrow();
        LeaderLease b = nodes.leader("b", eventsB);
        b.start();

        schedulerA.shutdownNow(); // a freezes: no renewal, no release
        long frozenAt = System.nanoTime();

        await().atMost(PATIENCE).until(() -> b.current().isPresent());
        LeaderTerm second = b.current().orElseThrow();
        assertThat(second.epoch()).isGreaterThan(first.epoch());
        assertThat(Duration.ofNanos(System.nanoTime() - frozenAt))
                .as("b waited for the TTL")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1500 - 300 - 300));
        assertThat(a.current())
                .as("a's own deadline passed, so a assumes it lost")
                .isEmpty();
    }

    @Test
    void aWriteFromAnOlderTermIsRefusedByRedis() {
        FencedHash writes = new FencedHash(nodes.connection(), nodes.keys, Duration.ofSeconds(2));
        String assignment = nodes.keys.assignment();
        ScheduledExecutorService schedulerA = nodes.scheduler();
        LeaderLease a = nodes.leader("a", new LeaseNodes.Events(), schedulerA);
        a.start();
        await().atMost(PATIENCE).until(() -> a.current().isPresent());
        LeaderTerm termA = a.current().orElseThrow();
        assertThat(writes.put(termA, assignment, Map.of("0", "a", "1", "a"))).isEqualTo(FencedHash.Outcome.WRITTEN);

        schedulerA.shutdownNow();
        LeaderLease b = nodes.leader("b", new LeaseNodes.Events());
        b.start();
        await().atMost(PATIENCE).until(() -> b.current().isPresent());
        LeaderTerm termB = b.current().orElseThrow();

        assertThat(writes.put(termA, assignment, Map.of("0", "a-again"))).isEqualTo(FencedHash.Outcome.NOT_LEADER);
        assertThat(writes.remove(termA, assignment, List.of("1"))).isEqualTo(FencedHash.Outcome.NOT_LEADER);
        assertThat(writes.put(termB, assignment, Map.of("0", "b"))).isEqualTo(FencedHash.Outcome.WRITTEN);
        assertThat(redis.commands().hgetall(assignment))
                .containsExactlyInAnyOrderEntriesOf(Map.of("0", "b:" + termB.epoch(), "1", "a:" + termA.epoch()));

        // Redis lost the leader key and counter but kept the hash: a term with a lower epoch holding the key
        // still cannot overwrite an entry a newer epoch wrote.
        LeaderTerm reborn = new LeaderTerm("c", 1);
        redis.commands().set(nodes.keys.leader(), reborn.token());
        assertThat(writes.put(reborn, assignment, Map.of("0", "c"))).isEqualTo(FencedHash.Outcome.STALE_EPOCH);
        assertThat(redis.commands().hget(assignment, "0")).isEqualTo("b:" + termB.epoch());
    }

    @Test
    void aLeaderThatClosesHandsLeadershipOver() {
        LeaseNodes.Events eventsA = new LeaseNodes.Events();
        LeaderLease a = nodes.leader("a", eventsA);
        a.start();
        await().atMost(PATIENCE).until(() -> a.current().isPresent());
        LeaderTerm first = a.current().orElseThrow();
        LeaderLease b = nodes.leader("b", new LeaseNodes.Events());
        b.start();

        a.close();

        assertThat(eventsA.log).endsWith("lost " + first.epoch() + " RELEASED");
        assertThat(redis.commands().get(nodes.keys.leader())).isNotEqualTo(first.token());
        await().atMost(PATIENCE).until(() -> b.current().isPresent());
        assertThat(b.current().orElseThrow().epoch()).isGreaterThan(first.epoch());
    }

    @Test
    void anEpochCounterThatWentBackIsRedisLosingStateAndTheTermEnds() {
        redis.commands().set(nodes.keys.epoch(), "40");
        LeaseNodes.Events events = new LeaseNodes.Events();
        LeaderLease a = nodes.leader("a", events);
        a.start();
        await().atMost(PATIENCE).until(() -> a.current().isPresent());
        assertThat(a.current().orElseThrow().epoch()).isEqualTo(41);

        redis.commands().del(nodes.keys.epoch()); // Redis "forgot" the counter; the lease key survived

        await().atMost(PATIENCE).until(() -> events.log.contains("state lost 41 > 0"));
        assertThat(events.log).contains("lost 41 STATE_LOST");
        await().atMost(PATIENCE).until(() -> a.current().isPresent());
        assertThat(a.current().orElseThrow().epoch())
                .as("re-elected above every epoch seen, never reusing one")
                .isGreaterThan(41);
    }
}
