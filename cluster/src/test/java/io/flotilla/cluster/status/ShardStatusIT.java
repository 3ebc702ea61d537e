package io.flotilla.cluster.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.cluster.membership.Membership;
import io.flotilla.cluster.membership.MembershipConfig;
import io.flotilla.cluster.membership.NodeRecord;
import io.flotilla.testkit.RedisExtension;
import io.flotilla.testkit.TestRedis;
import io.flotilla.worker.Keys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shard status a node publishes, and how the snapshot reader judges it, against a real Redis. */
@ExtendWith(RedisExtension.class)
class ShardStatusIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final InstantSource clock = () -> now.get();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private Keys keys;

    @BeforeEach
    void setUp(TestRedis redis) {
        client = RedisClient.create(redis.uri().toString());
        connection = client.connect();
        keys = new Keys(redis.key("g"), redis.key("discord"), "test");
    }

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
        connection.close();
        client.shutdown();
    }

    @Test
    void aStatusRoundTripsThroughItsJson() {
        ShardStatus status =
                new ShardStatus("42", "READY", 41L, 1870, 1767225611873L, Instant.ofEpochMilli(1767225612000L));
        ShardStatus noLatency = new ShardStatus("42", "CONNECTING", null, -1, 0, Instant.ofEpochMilli(5));

        assertThat(ShardStatus.fromJson(JSON, status.toJson(JSON))).contains(status);
        assertThat(ShardStatus.fromJson(JSON, noLatency.toJson(JSON))).contains(noLatency);
        assertThat(noLatency.toJson(JSON)).doesNotContain("latency_ms");
        assertThat(ShardStatus.fromJson(JSON, "{\"state\":\"READY\"}")).isEmpty();
        assertThat(ShardStatus.fromJson(JSON, "not json")).isEmpty();
    }

    @Test
    void aNodeDeletesOnlyTheStatusFieldsThatStillNameIt() {
        Map<Integer, ShardStatus> runsOnA = Map.of(0, status("a", "READY"), 1, status("a", "READY"));
        AtomicReference<Map<Integer, ShardStatus>> onA = new AtomicReference<>(runsOnA);
        ShardStatusPublisher a = new ShardStatusPublisher(connection, keys, "a", clock, t -> onA.get(), TIMEOUT);
        ShardStatusPublisher b = new ShardStatusPublisher(
                connection, keys, "b", clock, t -> Map.of(1, status("b", "RESUMING")), TIMEOUT);

        a.publish();
        assertThat(connection.sync().hkeys(keys.shardStatus())).containsExactlyInAnyOrder("0", "1");
        b.publish(); // shard 1 moved to b, which published it before a noticed
        onA.set(Map.of());
        a.publish();

        Map<String, String> stored = connection.sync().hgetall(keys.shardStatus());
        assertThat(stored).containsOnlyKeys("1");
        assertThat(ShardStatus.fromJson(JSON, stored.getOrDefault("1", ""))
                        .orElseThrow()
                        .nodeId())
                .isEqualTo("b");
        b.close();
        assertThat(connection.sync().exists(keys.shardStatus())).isZero();
    }

    @Test
    void theReaderMarksAStatusStaleWhenItIsOldOrItsNodeIsGone() {
        Membership live = member("live-node");
        ShardStatusPublisher fromLive = new ShardStatusPublisher(
                connection, keys, "live-node", clock, t -> Map.of(0, status("live-node", "READY")), TIMEOUT);
        ShardStatusPublisher fromGone = new ShardStatusPublisher(
                connection, keys, "gone-node", clock, t -> Map.of(1, status("gone-node", "READY")), TIMEOUT);
        fromLive.publish();
        fromGone.publish();
        ClusterSnapshotReader reader = new ClusterSnapshotReader(connection, keys, clock, 3, TIMEOUT);
        connection.sync().hset(keys.config(), "shard_count", "2:1"); // what a leader of epoch 1 writes

        ClusterSnapshot fresh = reader.read();
        now.set(now.get().plus(ClusterSnapshotReader.STALE_AFTER).plusSeconds(1));
        ClusterSnapshot later = reader.read();
        live.close();

        assertThat(fresh.shards()).extracting(ClusterSnapshot.Shard::state).containsExactly("READY", "STALE");
        assertThat(fresh.shards().get(0).lastEventAgeMs()).isEqualTo(500);
        assertThat(later.shards()).extracting(ClusterSnapshot.Shard::state).containsExactly("STALE", "STALE");
        assertThat(fresh.nodes()).extracting(ClusterSnapshot.Node::name).containsExactly("live-node");
    }

    private Membership member(String id) {
        NodeRecord record = new NodeRecord(id, id, "", 1, false, new TreeSet<>(), now.get(), now.get());
        Membership membership = new Membership(
                connection,
                keys,
                new MembershipConfig(Duration.ofMinutes(2), Duration.ofSeconds(30), TIMEOUT),
                clock,
                scheduler,
                record);
        membership.start();
        return membership;
    }

    private ShardStatus status(String node, String state) {
        return new ShardStatus(node, state, 40L, 7, now.get().toEpochMilli() - 500, now.get());
    }
}
