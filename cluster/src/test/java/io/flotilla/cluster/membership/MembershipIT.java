package io.flotilla.cluster.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flotilla.testkit.RedisExtension;
import io.flotilla.testkit.TestRedis;
import io.flotilla.worker.Keys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@SuppressWarnings("deprecation") // TestRedis hands out its sync commands for checks
@ExtendWith(RedisExtension.class)
class MembershipIT {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final MembershipConfig FAST =
            new MembershipConfig(Duration.ofMillis(1500), Duration.ofMillis(300), Duration.ofMillis(400));

    private TestRedis redis;
    private Keys keys;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private final List<ScheduledExecutorService> schedulers = new java.util.ArrayList<>();
    private final Snowflake ids = new Snowflake(InstantSource.system(), new Random());

    @BeforeEach
    void setUp(TestRedis redis) {
        this.redis = redis;
        this.keys = new Keys(redis.key("g"), redis.key("discord"), "test");
        this.client = RedisClient.create(redis.uri().toString());
        this.connection = client.connect();
    }

    @AfterEach
    void tearDown() {
        schedulers.forEach(ScheduledExecutorService::shutdownNow);
        connection.close();
        client.shutdown();
    }

    @Test
    void recordsAppearStayWhileRefreshedAndExpireWhenTheOwnerStops() {
        ScheduledExecutorService schedulerB = scheduler();
        Membership a = membership(record("node-a"), scheduler());
        Membership b = membership(record("node-b"), schedulerB);
        a.start();
        b.start();

        assertThat(a.members()).extracting(NodeRecord::name).containsExactlyInAnyOrder("node-a", "node-b");
        Instant firstUpdate = a.self().updatedAt();

        // Three TTLs: the refreshes keep both records, and updated_at moves on.
        await().during(Duration.ofMillis(4500))
                .atMost(PATIENCE)
                .until(() -> a.members().size() == 2);
        NodeRecord seenA = a.members().stream()
                .filter(n -> n.name().equals("node-a"))
                .findFirst()
                .orElseThrow();
        assertThat(seenA.updatedAt()).isAfter(firstUpdate);
        assertThat(redis.commands().pttl(keys.node(seenA.id()))).isBetween(1L, 1500L);

        a.update(self -> self.withDraining(true).withShards(new TreeSet<>(List.of(2, 1))));
        await().atMost(PATIENCE)
                .until(() -> b.members().stream()
                        .anyMatch(n -> n.name().equals("node-a")
                                && n.draining()
                                && n.shards().equals(new TreeSet<>(List.of(1, 2)))));

        schedulerB.shutdownNow(); // b stops refreshing (crash, SIGSTOP)
        await().atMost(PATIENCE)
                .until(() -> a.members().stream().map(NodeRecord::name).toList().equals(List.of("node-a")));
        assertThat(redis.commands().smembers(keys.nodeIndex()))
                .containsExactly(a.self().id());

        a.close();
        assertThat(b.members()).isEmpty();
        assertThat(redis.commands().exists(keys.node(a.self().id()), keys.nodeIndex()))
                .isZero();
    }

    @Test
    void anIdAlreadyRegisteredByALiveNodeIsRefused() {
        NodeRecord record = record("node-a");
        membership(record, scheduler()).start();
        Membership twin = membership(record, scheduler());

        assertThatThrownBy(twin::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already registered")
                .hasMessageContaining("new id");
    }

    private NodeRecord record(String name) {
        Instant now = Instant.now();
        return new NodeRecord(ids.nextNodeId(), name, "127.0.0.1:8080", 1, false, new TreeSet<>(), now, now);
    }

    private Membership membership(NodeRecord self, ScheduledExecutorService scheduler) {
        return new Membership(connection, keys, FAST, InstantSource.system(), scheduler, self);
    }

    private ScheduledExecutorService scheduler() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        schedulers.add(scheduler);
        return scheduler;
    }
}
