package io.flotilla.cluster.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.cluster.commit.BatchCommitter;
import io.flotilla.cluster.commit.CommitterConfig;
import io.flotilla.fake.ProducedDispatch;
import io.flotilla.gateway.Shard;
import io.flotilla.gateway.ShardState;
import io.flotilla.testkit.RedisProcess;
import io.flotilla.worker.Keys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 12 item 8: Redis stops answering for 10 s under load on 16 shards, once frozen (SIGSTOP) and once killed
 * and started again. Every shard stops reading (idle or not) once the node-wide bound on uncommitted bytes is
 * reached or the committer cannot reach Redis, so what the node holds stops growing; nothing is dropped, and once
 * Redis is back everything commits: the streams equal the fake's log.
 */
class RedisOutageIT {
    private static final Logger LOG = LoggerFactory.getLogger(RedisOutageIT.class);
    private static final int SHARDS = 16;
    private static final long BOUND = 4L << 20;
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void aTenSecondOutageIsRiddenOutWithBoundedMemoryAndNothingLost() throws Exception {
        Keys keys = new Keys("outage", "outage-discord", "test");
        CommitterConfig config =
                CommitterConfig.defaults("node-e2e").withLanes(2).withMaxPendingBytes(BOUND);
        try (RedisProcess server = RedisProcess.startNew();
                FakeTraffic traffic = new FakeTraffic(SHARDS);
                RedisGatewayNode node =
                        new RedisGatewayNode(traffic.nodeSettings(server.uri(), keys, SHARDS), config)) {
            List<Shard> shards = new ArrayList<>();
            for (int id = 0; id < SHARDS; id++) {
                shards.add(node.start(id));
            }
            for (Shard shard : shards) {
                await().atMost(WAIT).until(shard::state, state -> state == ShardState.READY);
            }
            int[] all = new int[SHARDS];
            for (int id = 0; id < SHARDS; id++) {
                all[id] = id;
            }
            traffic.start(2, all);
            Thread.sleep(1_500);
            BatchCommitter committer = node.committer();

            server.freeze();
            long[] held = outage(committer);
            server.unfreeze();
            assertThat(held[1])
                    .as("nothing more held in the outage's second half")
                    .isLessThanOrEqualTo(held[0]);
            Thread.sleep(2_000);

            server.kill();
            long[] heldAfterKill = outage(committer);
            server.start();
            assertThat(heldAfterKill[1]).isLessThanOrEqualTo(heldAfterKill[0]);
            Thread.sleep(2_000);
            traffic.pause();

            assertThat(committer.peakPendingBytes())
                    .as("the node-wide bound (plus what each shard decoded from its last read) held")
                    .isLessThan(3 * BOUND);
            RedisClient client = RedisClient.create(server.uri().toString());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                RedisCommands<String, String> redis = connection.sync();
                for (int id = 0; id < SHARDS; id++) {
                    Shard shard = shards.get(id);
                    int shardId = id;
                    await().atMost(WAIT).until(() -> caughtUp(traffic, shard, redis, keys, shardId));
                }
                long[] checked = {0};
                assertThat(StreamsMatchFake.difference(
                                traffic.fake.log(),
                                CommittedEvents.read(redis, keys),
                                StreamsMatchFake.gaps(redis, keys),
                                checked))
                        .isNull();
                assertThat(checked[0]).isGreaterThan(20_000);
            } finally {
                client.shutdown();
            }
        }
    }

    /** Waits out a 10 s outage; returns what the node held 4 s in and at its end. */
    private static long[] outage(BatchCommitter committer) throws InterruptedException {
        Thread.sleep(4_000);
        long early = committer.pendingBytes();
        Thread.sleep(6_000);
        long late = committer.pendingBytes();
        Runtime runtime = Runtime.getRuntime();
        LOG.info(
                "outage: {} bytes pending after 4 s, {} after 10 s (bound {}); heap used {} MiB",
                early,
                late,
                BOUND,
                (runtime.totalMemory() - runtime.freeMemory()) >> 20);
        return new long[] {early, late};
    }

    private static boolean caughtUp(
            FakeTraffic traffic, Shard shard, RedisCommands<String, String> redis, Keys keys, int id) {
        if (shard.state() != ShardState.READY || shard.session() == null) {
            return false;
        }
        String session = Objects.requireNonNull(shard.session()).sessionId();
        List<ProducedDispatch> produced = traffic.fake.log().sessionEvents(session);
        long last = produced.isEmpty() ? -1 : produced.get(produced.size() - 1).seq();
        return Long.toString(last).equals(redis.hget(keys.session(id), "seq"));
    }
}
