package io.flotilla.cluster.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.fake.ProducedDispatch;
import io.flotilla.gateway.Shard;
import io.flotilla.gateway.ShardState;
import io.flotilla.testkit.FaultProxy;
import io.flotilla.testkit.RedisProcess;
import io.flotilla.testkit.RedisSnapshot;
import io.flotilla.worker.Keys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's "done means", end to end: the fake Discord's event mix on two real gateway shards, through a loopback
 * proxy to a real Redis that delays, then cuts every connection twice, then Redis restarted on a copy of its AOF
 * taken seconds earlier (it loses writes the node had acknowledged), and an op 9 d=false on one shard (a session
 * lost at Discord). Afterwards the streams hold exactly what the fake produced, by (shard, session, seq), once each,
 * except after the gap records, which equal the sessions the fake ended losing events.
 */
class FaultsEndToEndIT {
    private static final int SHARDS = 2;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void underDelaysCutsARolledBackRedisAndALostSessionTheStreamsEqualTheFakesLog() throws Exception {
        Keys keys = new Keys("e2e", "e2e-discord", "test");
        try (RedisProcess server = RedisProcess.startNew();
                FaultProxy proxy = FaultProxy.to(server.uri());
                FakeTraffic traffic = new FakeTraffic(SHARDS);
                RedisGatewayNode node = new RedisGatewayNode(traffic.nodeSettings(proxy.uri(), keys, SHARDS))) {
            List<Shard> shards = List.of(node.start(0), node.start(1));
            for (Shard shard : shards) {
                await().atMost(WAIT).until(shard::state, state -> state == ShardState.READY);
            }
            traffic.start(3, 0, 1);
            Thread.sleep(1_000);

            proxy.delay(Duration.ofMillis(150));
            Thread.sleep(1_500);
            proxy.delay(Duration.ZERO);
            proxy.cut();
            Thread.sleep(1_000);
            proxy.cut();
            Thread.sleep(1_000);

            RedisSnapshot earlier = server.snapshot();
            Thread.sleep(1_500);
            server.restartFrom(earlier); // Redis forgets 1.5 s of acknowledged events
            Thread.sleep(1_500);
            traffic.fake.shard(1).invalidateSession(false);
            Thread.sleep(1_500);
            traffic.pause();

            RedisClient client = RedisClient.create(server.uri().toString());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                RedisCommands<String, String> redis = connection.sync();
                for (int shard = 0; shard < SHARDS; shard++) {
                    int id = shard;
                    Shard running = shards.get(shard);
                    await().atMost(WAIT).until(() -> caughtUp(traffic, running, redis, keys, id));
                }
                CommittedEvents committed = CommittedEvents.read(redis, keys);
                List<StreamsMatchFake.Gap> gaps = StreamsMatchFake.gaps(redis, keys);
                long[] checked = {0};
                assertThat(StreamsMatchFake.difference(traffic.fake.log(), committed, gaps, checked))
                        .as("first difference between the fake's log and the streams")
                        .isNull();
                assertThat(checked[0]).isGreaterThan(2_000);
                assertThat(gaps).as("the op 9 d=false on shard 1").isNotEmpty();
                assertThat(traffic.fake.log().resumes())
                        .as("the rollback was repaired by resuming from the stored seq")
                        .anySatisfy(resume -> assertThat(resume.outcome()).isEqualTo("RESUMED"));
                for (int shard = 0; shard < SHARDS; shard++) {
                    assertThat(traffic.fake.log().maxConcurrentConnections(shard))
                            .isLessThanOrEqualTo(1);
                }
            } finally {
                client.shutdown();
            }
        }
    }

    /** The shard's current session is committed up to the last seq the fake produced into it. */
    private static boolean caughtUp(
            FakeTraffic traffic, Shard shard, RedisCommands<String, String> redis, Keys keys, int id) {
        if (shard.state() != ShardState.READY || shard.session() == null) {
            return false;
        }
        String session = Objects.requireNonNull(shard.session()).sessionId();
        List<ProducedDispatch> produced = traffic.fake.log().sessionEvents(session);
        if (produced.isEmpty()) {
            return false;
        }
        long last = produced.get(produced.size() - 1).seq();
        return session.equals(redis.hget(keys.session(id), "session_id"))
                && Long.toString(last).equals(redis.hget(keys.session(id), "seq"));
    }
}
