package io.flotilla.cluster.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.fake.FakeShard;
import io.flotilla.fake.IdentifyRecord;
import io.flotilla.fake.ProducedDispatch;
import io.flotilla.fake.ResumeRecord;
import io.flotilla.gateway.Shard;
import io.flotilla.gateway.ShardState;
import io.flotilla.testkit.RedisExtension;
import io.flotilla.testkit.TestRedis;
import io.flotilla.worker.Keys;
import io.flotilla.worker.RedisCacheReader;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 4 end to end: the fake Discord (the world's event mix, about 400 events/s per shard) → two real gateway
 * shards over zlib-stream → the committing sink and the Redis session store → a real Redis, with a TCP drop, an
 * op 7 and an op 9 (resumable) on each shard during the run. Afterwards the event streams hold exactly what the
 * fake produced into each session, by (shard, session, seq) — READY, the GUILD_CREATEs and every RESUMED included,
 * since the committer's filter queues every event by default — and the cache equals the fake world.
 */
@SuppressWarnings("deprecation") // TestRedis hands out its commands; their connection is what the reader takes
@ExtendWith(RedisExtension.class)
class EndToEndIT {
    private static final int SHARDS = 2;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void theStreamsHoldExactlyWhatTheFakeProducedAndTheCacheEqualsTheWorld(TestRedis redis) throws Exception {
        Keys keys = new Keys(redis.key("g"), redis.key("discord"), "test");
        try (FakeTraffic traffic = new FakeTraffic(SHARDS);
                RedisGatewayNode node = new RedisGatewayNode(traffic.nodeSettings(redis.uri(), keys, SHARDS))) {
            List<Shard> shards = List.of(node.start(0), node.start(1));
            for (Shard shard : shards) {
                await().atMost(WAIT).until(shard::state, state -> state == ShardState.READY);
            }
            traffic.start(4, 0, 1);
            List<Consumer<FakeShard>> faults = List.of(
                    FakeShard::dropConnection,
                    FakeShard::sendReconnect,
                    fakeShard -> fakeShard.invalidateSession(true));
            int resumes = 0;
            for (Consumer<FakeShard> fault : faults) {
                for (int shard = 0; shard < SHARDS; shard++) {
                    Thread.sleep(700); // events flow between faults
                    fault.accept(traffic.fake.shard(shard));
                    int expected = ++resumes;
                    await().atMost(WAIT).until(() -> resumed(traffic) >= expected);
                }
            }
            Thread.sleep(700);
            traffic.pause();

            for (int shard = 0; shard < SHARDS; shard++) {
                String session =
                        Objects.requireNonNull(shards.get(shard).session()).sessionId();
                long last = lastProduced(traffic, session);
                int id = shard;
                await().atMost(WAIT)
                        .until(() -> Long.toString(last).equals(redis.commands().hget(keys.session(id), "seq")));
            }

            assertThat(traffic.fake.log().identifies())
                    .as("every fault was resumed: one session per shard")
                    .hasSize(SHARDS)
                    .extracting(IdentifyRecord::outcome)
                    .containsOnly("READY");
            assertThat(traffic.fake.log().resumes())
                    .extracting(ResumeRecord::outcome)
                    .containsOnly("RESUMED");
            CommittedEvents committed = CommittedEvents.read(redis.commands(), keys);
            long total = 0;
            for (int shard = 0; shard < SHARDS; shard++) {
                String session =
                        Objects.requireNonNull(shards.get(shard).session()).sessionId();
                List<ProducedDispatch> produced = traffic.fake.log().sessionEvents(session);
                assertThat(committed.sessions(shard)).containsExactly(session);
                assertThat(committed.seqs(shard, session))
                        .as("shard %d: no gap, no duplicate", shard)
                        .isEqualTo(produced.stream().map(ProducedDispatch::seq).toList());
                assertThat(committed.types(shard, session))
                        .isEqualTo(produced.stream().map(ProducedDispatch::type).toList())
                        .contains("READY", "GUILD_CREATE", "MESSAGE_CREATE", "RESUMED");
                total += produced.size();
            }
            assertThat(committed.size()).isEqualTo(total).isGreaterThan(3_000);

            RedisCacheReader reader = new RedisCacheReader(redis.commands().getStatefulConnection(), keys, SHARDS);
            int exactUsers = CacheMatchesWorld.check(traffic.fake.world(), reader, SHARDS, 0, 1);
            assertThat(exactUsers).isPositive();
        }
    }

    private static long resumed(FakeTraffic traffic) {
        return traffic.fake.log().resumes().stream()
                .filter(resume -> resume.outcome().equals("RESUMED"))
                .count();
    }

    private static long lastProduced(FakeTraffic traffic, String session) {
        List<ProducedDispatch> produced = traffic.fake.log().sessionEvents(session);
        return produced.get(produced.size() - 1).seq();
    }
}
