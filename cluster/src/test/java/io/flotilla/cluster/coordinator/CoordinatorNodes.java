package io.flotilla.cluster.coordinator;

import io.flotilla.cluster.lease.LeaseConfig;
import io.flotilla.cluster.membership.MembershipConfig;
import io.flotilla.cluster.membership.NodeRecord;
import io.flotilla.cluster.membership.Snowflake;
import io.flotilla.testkit.TestRedis;
import io.flotilla.worker.Keys;
import io.lettuce.core.RedisClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The coordinators of one test against the real Redis, each with its own threads and a {@link FakeShardHost}; the
 * hosts share one {@link FakeShardHost.Owners}. {@link #close} closes every coordinator (crashed ones too, which
 * deletes what they left) and every thread.
 */
final class CoordinatorNodes implements AutoCloseable {
    static final LeaseConfig LEASES =
            LeaseConfig.DEFAULTS.withTiming(Duration.ofMillis(1500), Duration.ofMillis(300), Duration.ofMillis(300));
    static final MembershipConfig MEMBERSHIP =
            new MembershipConfig(Duration.ofMillis(1500), Duration.ofMillis(250), Duration.ofMillis(500));
    static final Duration TICK = Duration.ofMillis(200);
    /** The nodes of a test start one after another within a few hundred ms. */
    static final Duration COLD_START = Duration.ofMillis(1500);

    record Node(String name, Coordinator coordinator, FakeShardHost host, CoordinatorThreads threads) {}

    final Keys keys;
    final FakeShardHost.Owners owners = new FakeShardHost.Owners();
    private final RedisClient client;
    private final ScheduledExecutorService handOffTimer = Executors.newSingleThreadScheduledExecutor();
    private final Snowflake ids = new Snowflake(InstantSource.system(), new Random());
    private final List<Node> nodes = new ArrayList<>();

    CoordinatorNodes(TestRedis redis) {
        this(redis.uri(), new Keys(redis.key("g"), redis.key("discord"), "test"));
    }

    CoordinatorNodes(URI redis, Keys keys) {
        this.keys = keys;
        this.client = RedisClient.create(redis.toString());
    }

    static CoordinatorConfig config(int shardCount) {
        return CoordinatorConfig.defaults(shardCount).withTiming(TICK, COLD_START, LEASES, MEMBERSHIP);
    }

    /** A coordinator for {@code name}, not started. */
    Node node(String name, CoordinatorConfig config) {
        Instant now = Instant.now();
        NodeRecord self = new NodeRecord(ids.nextNodeId(), name, "", 1, false, new TreeSet<>(), now, now);
        FakeShardHost host = new FakeShardHost(name, owners, handOffTimer, Duration.ofMillis(150));
        CoordinatorThreads threads = CoordinatorThreads.create(name);
        Coordinator coordinator =
                new Coordinator(config, keys, self, client::connect, host, InstantSource.system(), threads);
        Node node = new Node(name, coordinator, host, threads);
        nodes.add(node);
        return node;
    }

    /** A started coordinator. */
    Node start(String name, int shardCount) {
        Node node = node(name, config(shardCount));
        node.coordinator().start();
        return node;
    }

    @Override
    public void close() {
        for (Node node : nodes) {
            node.coordinator().close();
            node.threads().close();
        }
        handOffTimer.shutdownNow();
        client.shutdown();
    }
}
