package io.flotilla.cluster.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.cluster.identify.IdentifySettings;
import io.flotilla.cluster.identify.IdentifyTurns;
import io.flotilla.cluster.identify.RedisIdentifyBudget;
import io.flotilla.cluster.identify.SessionBudget;
import io.flotilla.cluster.session.SessionFields;
import io.flotilla.protocol.ShardId;
import io.flotilla.testkit.RedisExtension;
import io.flotilla.testkit.TestRedis;
import io.flotilla.worker.GapFields;
import io.flotilla.worker.Keys;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two gates ("nodes") on one real Redis. The window is 500 ms instead of 5 s (ratios kept); the guard is 100 ms
 * because grant times are taken when the futures complete on a loaded machine.
 */
@ExtendWith(RedisExtension.class)
class RedisIdentifyGateIT {
    private static final Duration WINDOW = Duration.ofMillis(500);
    private static final Clock CLOCK = Clock.systemUTC();

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<RedisClient> clients = new ArrayList<>();
    private Keys keys = Keys.defaults("unset");
    private TestRedis redis;

    @BeforeEach
    void setUp(TestRedis redis) {
        this.redis = redis;
        this.keys = new Keys(redis.key("g"), redis.key("discord"), "test");
    }

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
        clients.forEach(RedisClient::shutdown);
    }

    @Test
    void twoNodesIdentifyOnePerBucketPerWindowRoundByRoundAndSpendTheBudget() {
        IdentifySettings settings = settings(2, 0);
        RedisIdentifyBudget budget = new RedisIdentifyBudget(connect(), keys);
        budget.record(SessionBudget.seenAt(1000, 100, 3_600_000, CLOCK.instant()))
                .toCompletableFuture()
                .join();
        RedisIdentifyGate nodeA = gate(settings, "node-a");
        RedisIdentifyGate nodeB = gate(settings, "node-b");
        Map<Integer, Instant> granted = new ConcurrentHashMap<>();
        Instant start = CLOCK.instant();

        // Each node asks for its shards in its own order; later rounds ask first.
        for (int shard : List.of(7, 4, 3, 0)) {
            record(nodeA.acquire(new ShardId(shard, 8)), shard, granted);
        }
        for (int shard : List.of(6, 5, 2, 1)) {
            record(nodeB.acquire(new ShardId(shard, 8)), shard, granted);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> granted.size() == 8);

        List<Integer> byTime = granted.keySet().stream()
                .sorted(Comparator.comparing(granted::get))
                .toList();
        assertThat(byTime.stream().map(shard -> shard / 2).toList())
                .as("rounds in order: %s", byTime)
                .isSorted();
        for (int bucket = 0; bucket < 2; bucket++) {
            for (int round = 1; round < 4; round++) {
                Duration gap = Duration.between(granted.get((round - 1) * 2 + bucket), granted.get(round * 2 + bucket));
                assertThat(gap).as("bucket %s, round %s", bucket, round).isGreaterThanOrEqualTo(WINDOW);
            }
        }
        assertThat(Duration.between(start, granted.get(7)))
                .as("four rounds take about three slots")
                .isLessThan(Duration.ofSeconds(6));
        assertThat(budget.read().toCompletableFuture().join().orElseThrow().remaining())
                .isEqualTo(92);
        assertThat(redis.commands().zcard(keys.identifyWaiting())).isZero();
    }

    @Test
    void theReserveIsSpentOnlyWithTheOperatorOverride() {
        RedisIdentifyBudget budget = new RedisIdentifyBudget(connect(), keys);
        budget.record(SessionBudget.seenAt(1000, 5, 3_600_000, CLOCK.instant()))
                .toCompletableFuture()
                .join();
        RedisIdentifyGate gate = gate(settings(4, 3), "node-a");
        Map<Integer, Instant> granted = new ConcurrentHashMap<>();
        List<CompletableFuture<Void>> waiting = new ArrayList<>();
        for (int shard = 0; shard < 4; shard++) {
            CompletableFuture<Void> turn = gate.acquire(new ShardId(shard, 4));
            waiting.add(turn);
            record(turn, shard, granted);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> granted.size() == 2);
        // Several windows later, still only two: the other two wait (never fail) while only the reserve is left.
        await().pollDelay(WINDOW.multipliedBy(3)).atMost(WINDOW.multipliedBy(4)).until(() -> true);
        assertThat(granted).containsOnlyKeys(0, 1);
        assertThat(waiting.get(2)).isNotDone();
        assertThat(budget.read().toCompletableFuture().join().orElseThrow().remaining())
                .isEqualTo(3);

        waiting.get(2).cancel(false);
        waiting.get(3).cancel(false);
        RedisIdentifyGate overridden = gate(settings(4, 3).withSpendReserve(true), "node-b");
        record(overridden.acquire(new ShardId(2, 4)), 2, granted);
        await().atMost(Duration.ofSeconds(5)).until(() -> granted.containsKey(2));
        assertThat(budget.read().toCompletableFuture().join().orElseThrow().remaining())
                .isEqualTo(2);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(redis.commands().zrange(keys.identifyWaiting(), 0, -1))
                        .as("cancelled waiters are withdrawn")
                        .isEmpty());
    }

    @Test
    void aLowerRoundWaiterWhoseNodeStoppedBlocksOnlyUntilItsDeadline() {
        IdentifySettings settings = settings(2, 0);
        long stale = CLOCK.millis() - 1;
        redis.commands().zadd(keys.identifyWaiting(), 0, "0");
        redis.commands().hset(keys.identifyWaitingDeadlines(), "0", Long.toString(stale));
        Map<Integer, Instant> granted = new ConcurrentHashMap<>();

        record(gate(settings, "node-a").acquire(new ShardId(2, 4)), 2, granted);

        await().atMost(Duration.ofSeconds(5)).until(() -> granted.containsKey(2));
        assertThat(redis.commands().zcard(keys.identifyWaiting())).isZero();
    }

    @Test
    void shardsTheLeaderExpectedAreNotOvertakenHoweverLateTheirNodeStartsThem() throws Exception {
        IdentifySettings settings = settings(2, 0);
        redis.commands().hset(keys.session(3), "shard_total", "8"); // shard 3 resumes: it never asks for a turn
        IdentifyTurns leader = new IdentifyTurns(connect(), keys, settings, CLOCK, scheduler, "leader");
        long registered = leader.expect(8, List.of(0, 1, 2, 3, 4, 5, 6, 7))
                .toCompletableFuture()
                .get();
        assertThat(registered)
                .as("every shard but the one with a stored session")
                .isEqualTo(7);

        List<Integer> order = lateStartOrder(settings);

        assertThat(order.subList(0, 2)).as("round 0 first: %s", order).containsExactlyInAnyOrder(0, 1);
        assertThat(order.stream().map(shard -> shard / 2).toList())
                .as("rounds in order: %s", order)
                .isSorted();
        assertThat(redis.commands().zcard(keys.identifyWaiting())).isZero();
    }

    @Test
    void withoutTheLeadersExpectationALateNodesShardsAreOvertaken() throws Exception {
        // The same start without expect(): what expect() is for (this order is what NodeClusterIT once saw).
        List<Integer> order = lateStartOrder(settings(2, 0));

        assertThat(order.subList(0, 2)).as("later rounds went first: %s", order).doesNotContain(0, 1);
    }

    @Test
    void aGrantWhoseReadyWasNeverCommittedIsRecordedByTheNextGrantAsAGapOfAnUnknownSession() {
        IdentifySettings settings = settings(1, 0);
        RedisIdentifyGate nodeA = gate(settings, "node-a");
        long before = CLOCK.millis();
        nodeA.acquire(new ShardId(0, 2)).join();
        String grant = redis.commands().hget(keys.session(0), SessionFields.IDENTIFY_GRANTED);
        assertThat(grant)
                .as("the grant is written ahead of the identify")
                .startsWith("1")
                .contains("node-a");
        long grantedAt = Long.parseLong(grant.split(" ")[0]);
        assertThat(grantedAt).isBetween(before, CLOCK.millis());
        assertThat(redis.commands().xlen(keys.gaps())).isZero();

        // Node A dies between the READY and its commit; the shard's next owner identifies.
        gate(settings, "node-b").acquire(new ShardId(0, 2)).join();

        List<StreamMessage<String, String>> gaps = redis.commands().xrange(keys.gaps(), Range.create("-", "+"));
        assertThat(gaps).hasSize(1);
        assertThat(gaps.get(0).getBody())
                .containsEntry(GapFields.SHARD, "0")
                .containsEntry(GapFields.SESSION, "")
                .containsEntry(GapFields.COMMITTED_SEQ, "-1")
                .containsEntry(GapFields.AT, Long.toString(grantedAt));
        assertThat(gaps.get(0).getBody().get(GapFields.REASON))
                .startsWith("IDENTIFY_NOT_COMMITTED")
                .contains(grant);
        assertThat(redis.commands().hget(keys.session(0), SessionFields.IDENTIFY_GRANTED))
                .contains("node-b");

        // Once a READY is committed (the commit script removes the field: CommitScriptIT), the next grant is clean.
        redis.commands().hdel(keys.session(0), SessionFields.IDENTIFY_GRANTED);
        gate(settings, "node-c").acquire(new ShardId(0, 2)).join();
        assertThat(redis.commands().xlen(keys.gaps())).isEqualTo(1);
        assertThat(redis.commands().hget(keys.session(1), SessionFields.IDENTIFY_GRANTED))
                .as("per shard")
                .isNull();
    }

    /** Node A asks for shards 7, 6, 5, 4 and 2 at once; node B starts shards 0 and 1 two seconds later. */
    private List<Integer> lateStartOrder(IdentifySettings settings) throws InterruptedException {
        Map<Integer, Instant> granted = new ConcurrentHashMap<>();
        RedisIdentifyGate nodeA = gate(settings, "node-a");
        for (int shard : List.of(7, 6, 5, 4, 2)) {
            record(nodeA.acquire(new ShardId(shard, 8)), shard, granted);
        }
        Thread.sleep(2_000);
        RedisIdentifyGate nodeB = gate(settings, "node-b");
        for (int shard : List.of(1, 0)) {
            record(nodeB.acquire(new ShardId(shard, 8)), shard, granted);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> granted.size() == 7);
        return granted.keySet().stream()
                .sorted(Comparator.comparing(granted::get))
                .toList();
    }

    private IdentifySettings settings(int maxConcurrency, int reserve) {
        return new IdentifySettings(
                maxConcurrency, WINDOW, Duration.ofMillis(100), reserve, false, Duration.ofSeconds(2));
    }

    private RedisIdentifyGate gate(IdentifySettings settings, String node) {
        return new RedisIdentifyGate(new IdentifyTurns(connect(), keys, settings, CLOCK, scheduler, node));
    }

    private io.lettuce.core.api.StatefulRedisConnection<String, String> connect() {
        RedisClient client = RedisClient.create(redis.uri().toString());
        clients.add(client);
        return client.connect();
    }

    @SuppressWarnings("FutureReturnValueIgnored") // the map is what the test reads
    private static void record(CompletableFuture<Void> turn, int shard, Map<Integer, Instant> granted) {
        turn.thenRun(() -> granted.put(shard, CLOCK.instant()));
    }
}
