package io.flotilla.cluster.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.fake.ProducedDispatch;
import io.flotilla.gateway.Shard;
import io.flotilla.gateway.ShardState;
import io.flotilla.gateway.StoredSession;
import io.flotilla.testkit.FaultProxy;
import io.flotilla.testkit.RedisProcess;
import io.flotilla.worker.Keys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 9, against the real committer: a shard is handed off while its node cannot reach Redis. The
 * hand-off still completes (its flush times out) and hands over the COMMITTED seq, not the received one; the next
 * owner resumes from what Redis holds, and once the old node reaches Redis again its late batches and the new
 * owner's replay meet in the commit script: every event exactly once.
 */
class HandOffEndToEndIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aHandOffWhileRedisIsUnreachableHandsOverTheCommittedSeqAndLosesNothing() throws Exception {
        Keys keys = new Keys("handoff", "handoff-discord", "test");
        try (RedisProcess server = RedisProcess.startNew();
                FaultProxy proxy = FaultProxy.to(server.uri());
                FakeTraffic traffic = new FakeTraffic(1);
                RedisGatewayNode oldOwner = new RedisGatewayNode(traffic.nodeSettings(proxy.uri(), keys, 1));
                RedisGatewayNode newOwner = new RedisGatewayNode(traffic.nodeSettings(server.uri(), keys, 1))) {
            Shard leaving = oldOwner.start(0);
            await().atMost(WAIT).until(leaving::state, state -> state == ShardState.READY);
            traffic.start(2, 0);
            Thread.sleep(1_000);

            proxy.holdLive(); // the old owner's link to Redis stalls: what it receives now is not committed
            Thread.sleep(1_000);
            long received = Objects.requireNonNull(leaving.session()).seq();
            StoredSession handed = leaving.handOff().get(10, TimeUnit.SECONDS);

            RedisClient client = RedisClient.create(server.uri().toString());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                RedisCommands<String, String> redis = connection.sync();
                long stored = Long.parseLong(Objects.requireNonNull(redis.hget(keys.session(0), "seq")));
                assertThat(handed.seq())
                        .as("the hand-off names the committed seq, behind what the shard received")
                        .isEqualTo(stored)
                        .isLessThan(received);

                Shard arriving = newOwner.start(0);
                await().atMost(WAIT).until(arriving::state, state -> state == ShardState.READY);
                proxy.releaseLive(); // the old owner's stalled calls reach Redis after the new owner took over
                proxy.cut();
                Thread.sleep(1_500);
                traffic.pause();

                String session = handed.sessionId();
                await().atMost(WAIT).until(() -> {
                    List<ProducedDispatch> produced = traffic.fake.log().sessionEvents(session);
                    return Long.toString(produced.get(produced.size() - 1).seq())
                            .equals(redis.hget(keys.session(0), "seq"));
                });
                assertThat(traffic.fake.log().resumes())
                        .anySatisfy(resume -> assertThat(resume.seq()).isEqualTo(stored));
                long[] checked = {0};
                assertThat(StreamsMatchFake.difference(
                                traffic.fake.log(),
                                CommittedEvents.read(redis, keys),
                                StreamsMatchFake.gaps(redis, keys),
                                checked))
                        .isNull();
                assertThat(traffic.fake.log().identifies()).hasSize(1);
            } finally {
                client.shutdown();
            }
        }
    }
}
