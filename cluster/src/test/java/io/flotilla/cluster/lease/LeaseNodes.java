package io.flotilla.cluster.lease;

import io.flotilla.cluster.ClusterException;
import io.flotilla.testkit.TestRedis;
import io.flotilla.worker.Keys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Nodes of one test against the real Redis: each gets a connection, a scheduler and an epoch watch; everything
 * is closed by {@link #close}. Also records what the leases told each node.
 */
final class LeaseNodes implements AutoCloseable {
    /** Short leases, with margins for a loaded machine: a renewal every 300 ms, a deadline 1200 ms after. */
    static final LeaseConfig FAST =
            LeaseConfig.DEFAULTS.withTiming(Duration.ofMillis(1500), Duration.ofMillis(300), Duration.ofMillis(300));

    final Keys keys;
    private final RedisClient client;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<ScheduledExecutorService> schedulers = new ArrayList<>();

    LeaseNodes(TestRedis redis) {
        this.keys = new Keys(redis.key("g"), redis.key("discord"), "test");
        this.client = RedisClient.create(redis.uri().toString());
    }

    StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> connection = client.connect();
        open.add(connection);
        return connection;
    }

    ScheduledExecutorService scheduler() {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        schedulers.add(scheduler);
        return scheduler;
    }

    LeaderLease leader(String nodeId, Events events) {
        return leader(nodeId, events, scheduler());
    }

    LeaderLease leader(String nodeId, Events events, ScheduledExecutorService scheduler) {
        return new LeaderLease(
                connection(), keys, nodeId, FAST, InstantSource.system(), scheduler, new EpochWatch(), events);
    }

    ShardLeases shards(String nodeId, Events events, ScheduledExecutorService scheduler) {
        return new ShardLeases(
                connection(), keys, nodeId, FAST, InstantSource.system(), scheduler, new EpochWatch(), events);
    }

    @Override
    public void close() throws Exception {
        schedulers.forEach(ScheduledExecutorService::shutdownNow);
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
        client.shutdown();
    }

    /** What one node heard, in order, as short strings ("elected 3", "lost 3 REFUSED", "shard 2 lost REFUSED"). */
    static final class Events implements LeadershipListener, ShardLeaseListener {
        final List<String> log = new CopyOnWriteArrayList<>();
        final List<Instant> deadlines = new CopyOnWriteArrayList<>();

        @Override
        public void elected(LeaderTerm term, Instant deadline) {
            log.add("elected " + term.epoch());
            deadlines.add(deadline);
        }

        @Override
        public void lost(LeaderTerm term, LossReason reason) {
            log.add("lost " + term.epoch() + " " + reason);
        }

        @Override
        public void renewalFailed(LeaderTerm term, Instant deadline, ClusterException cause) {
            log.add("renewal failed " + term.epoch());
        }

        @Override
        public void lost(int shard, ShardFence fence, LossReason reason) {
            log.add("shard " + shard + " lost " + reason);
        }

        @Override
        public void renewalFailed(int shard, ShardFence fence, Instant deadline, ClusterException cause) {
            log.add("shard " + shard + " renewal failed");
        }

        @Override
        public void stateLost(EpochRegressedException cause) {
            log.add("state lost " + cause.highestSeen() + " > " + cause.found());
        }
    }
}
