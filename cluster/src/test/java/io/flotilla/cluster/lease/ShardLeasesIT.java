package io.flotilla.cluster.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flotilla.testkit.RedisExtension;
import io.flotilla.testkit.TestRedis;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@SuppressWarnings("deprecation") // TestRedis hands out its sync commands for checks
@ExtendWith(RedisExtension.class)
class ShardLeasesIT {
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
    void aHeldLeaseIsRenewedUntilReleasedAndOnlyThenTakenByAnother() {
        ShardLeases a = nodes.shards("a", new LeaseNodes.Events(), nodes.scheduler());
        ShardLeases b = nodes.shards("b", new LeaseNodes.Events(), nodes.scheduler());
        a.start();
        b.start();

        ShardFence fence = a.tryAcquire(3).orElseThrow();
        assertThat(fence.key()).isEqualTo(nodes.keys.shardLease(3));
        assertThat(fence.token()).isEqualTo("a:" + fence.epoch());
        assertThat(redis.commands().get(fence.key())).isEqualTo(fence.token());
        assertThat(a.tryAcquire(3)).as("held already: the same fence").contains(fence);
        assertThat(b.tryAcquire(3)).isEmpty();

        // Three TTLs: a's renewals keep the lease; b never gets it.
        await().during(Duration.ofMillis(4500))
                .atMost(PATIENCE)
                .until(() ->
                        a.fence(3).equals(Optional.of(fence)) && b.tryAcquire(3).isEmpty());
        assertThat(redis.commands().get(fence.key())).isEqualTo(fence.token());
        assertThat(a.held()).containsExactly(Map.entry(3, fence));
        assertThat(b.holder(3)).contains(fence.token());

        assertThat(a.release(3)).isTrue();
        assertThat(a.fence(3)).isEmpty();
        assertThat(redis.commands().exists(fence.key())).isZero();
        ShardFence next = b.tryAcquire(3).orElseThrow();
        assertThat(next.epoch()).isGreaterThan(fence.epoch());
        assertThat(a.release(3)).as("not a's any more").isFalse();
        assertThat(redis.commands().get(fence.key())).isEqualTo(next.token());
    }

    @Test
    void aLeaseThatIsNotRenewedCanBeTakenOnlyAfterItExpires() {
        ScheduledExecutorService schedulerA = nodes.scheduler();
        ShardLeases a = nodes.shards("a", new LeaseNodes.Events(), schedulerA);
        ShardLeases b = nodes.shards("b", new LeaseNodes.Events(), nodes.scheduler());
        Instant before = Instant.now();
        ShardFence fence = a.tryAcquire(1).orElseThrow(); // a never starts renewing
        schedulerA.shutdownNow();

        assertThat(b.tryAcquire(1)).isEmpty();
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> b.tryAcquire(1).isPresent());

        assertThat(Duration.between(before, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(1450));
        assertThat(b.fence(1).orElseThrow().epoch()).isGreaterThan(fence.epoch());
        assertThat(a.fence(1))
                .as("a's local deadline (1200 ms) passed before the key expired")
                .isEmpty();
    }

    @Test
    void theOwnerHearsAtOnceWhenTheLeaseIsGone() {
        LeaseNodes.Events events = new LeaseNodes.Events();
        ShardLeases a = nodes.shards("a", events, nodes.scheduler());
        a.start();
        ShardFence two = a.tryAcquire(2).orElseThrow();
        ShardFence five = a.tryAcquire(5).orElseThrow();

        redis.commands().set(two.key(), "intruder:999"); // someone else's token

        await().atMost(PATIENCE).until(() -> events.log.contains("shard 2 lost REFUSED"));
        assertThat(a.fence(2)).isEmpty();
        assertThat(a.fence(5)).contains(five);
        assertThat(redis.commands().get(two.key()))
                .as("a never deletes a lease it does not hold")
                .isEqualTo("intruder:999");
    }

    @Test
    void whenRenewalsFailTheLeaseIsLostAtItsLocalDeadline() {
        LeaseNodes.Events events = new LeaseNodes.Events();
        StatefulRedisConnection<String, String> connection = nodes.connection();
        ShardLeases a = new ShardLeases(
                connection,
                nodes.keys,
                "a",
                LeaseNodes.FAST,
                InstantSource.system(),
                nodes.scheduler(),
                new EpochWatch(),
                events);
        a.start();
        ShardFence fence = a.tryAcquire(4).orElseThrow();
        Instant deadline = a.deadline(4).orElseThrow();

        connection.close(); // Redis unreachable for this node

        await().atMost(PATIENCE).until(() -> events.log.contains("shard 4 lost DEADLINE"));
        assertThat(events.log).contains("shard 4 renewal failed");
        assertThat(Instant.now()).isAfterOrEqualTo(deadline);
        assertThat(a.fence(4)).isEmpty();
        assertThat(fence.epoch()).isPositive();
    }

    @Test
    void aCounterThatWentBackEndsEveryLeaseAndIsRaisedAgain() {
        redis.commands().set(nodes.keys.epoch(), "10");
        LeaseNodes.Events events = new LeaseNodes.Events();
        ShardLeases a = nodes.shards("a", events, nodes.scheduler()); // not renewing: the acquisition sees it
        ShardFence fence = a.tryAcquire(0).orElseThrow();
        assertThat(fence.epoch()).isEqualTo(11);

        redis.commands().del(nodes.keys.epoch(), fence.key()); // Redis came back empty

        // The next acquisition INCRs the empty counter to 1: a regression; every lease ends, the counter is lifted.
        assertThatThrownBy(() -> a.tryAcquire(7)).isInstanceOf(EpochRegressedException.class);
        assertThat(events.log).containsExactly("shard 0 lost STATE_LOST", "state lost 11 > 1");
        assertThat(a.fence(0)).isEmpty();
        assertThat(a.tryAcquire(7).orElseThrow().epoch()).isEqualTo(12);
    }
}
