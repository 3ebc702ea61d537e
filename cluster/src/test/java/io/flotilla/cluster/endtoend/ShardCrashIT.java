package io.flotilla.cluster.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.fake.ProducedDispatch;
import io.flotilla.fake.ResumeRecord;
import io.flotilla.gateway.Shard;
import io.flotilla.gateway.ShardState;
import io.flotilla.testkit.RedisExtension;
import io.flotilla.testkit.TestRedis;
import io.flotilla.worker.Keys;
import io.flotilla.worker.RedisCacheReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A node dies (SIGKILL) under a shard while events flow: the shard ran in a child JVM ({@link ShardProcess});
 * a new shard in this JVM loads the session from Redis and RESUMES it from the committed seq. The fake replays
 * what the dead node had received but not committed and what it produced while nobody was connected; the event
 * streams then hold every dispatch of the session exactly once.
 */
@SuppressWarnings("deprecation") // TestRedis hands out its commands; their connection is what the reader takes
@ExtendWith(RedisExtension.class)
class ShardCrashIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aNewShardResumesTheKilledShardsSessionWithNothingMissingOrRepeated(TestRedis redis) throws Exception {
        Keys keys = new Keys(redis.key("g"), redis.key("discord"), "test");
        try (FakeTraffic traffic = new FakeTraffic(1)) {
            Queue<String> childStates = new ConcurrentLinkedQueue<>();
            Process child = startChild(redis, traffic, childStates);
            try {
                await().atMost(ShardProcess.START_TIMEOUT).until(() -> childStates.contains("READY"));
                traffic.start(4, 0);
                await().atMost(WAIT).until(() -> storedSeq(redis, keys) > 300);
            } finally {
                child.destroyForcibly(); // SIGKILL: no close frame, no flush, no goodbye
                assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
            long committedAtKill = storedSeq(redis, keys);
            // The fake sees the socket die and keeps the session; events keep being produced into it.
            await().atMost(WAIT)
                    .until(() -> traffic.fake.log().connections().stream()
                            .allMatch(connection -> connection.closedAt() != null));
            Thread.sleep(500);

            String session = Objects.requireNonNull(
                    traffic.fake.log().identifies().get(0).sessionId());
            try (RedisGatewayNode node = new RedisGatewayNode(traffic.nodeSettings(redis.uri(), keys, 1))) {
                Shard shard = node.start(0);
                await().atMost(WAIT).until(shard::state, state -> state == ShardState.READY);
                Thread.sleep(1000); // more live events after the resume
                traffic.pause();
                long last = lastProduced(traffic, session);
                await().atMost(WAIT).until(() -> storedSeq(redis, keys) == last);
                assertThat(Objects.requireNonNull(shard.session()).sessionId()).isEqualTo(session);

                assertThat(traffic.fake.log().identifies())
                        .as("no new IDENTIFY")
                        .hasSize(1);
                assertThat(traffic.fake.log().resumes()).as("one RESUME").hasSize(1);
                ResumeRecord resume = traffic.fake.log().resumes().get(0);
                assertThat(resume.sessionId()).isEqualTo(session);
                assertThat(resume.outcome()).isEqualTo("RESUMED");
                assertThat(resume.seq()).as("resumed from the committed seq").isGreaterThanOrEqualTo(committedAtKill);
                assertThat(resume.replayed())
                        .as("events produced while no shard was connected")
                        .isPositive();

                List<ProducedDispatch> produced = traffic.fake.log().sessionEvents(session);
                CommittedEvents committed = CommittedEvents.read(redis.commands(), keys);
                assertThat(committed.sessions(0)).containsExactly(session);
                assertThat(committed.seqs(0, session))
                        .as("nothing missing, nothing repeated")
                        .isEqualTo(produced.stream().map(ProducedDispatch::seq).toList());
                assertThat(committed.types(0, session))
                        .isEqualTo(produced.stream().map(ProducedDispatch::type).toList())
                        .containsOnlyOnce("RESUMED");
                CacheMatchesWorld.check(
                        traffic.fake.world(),
                        new RedisCacheReader(redis.commands().getStatefulConnection(), keys, 1),
                        1,
                        0);
            }
        }
    }

    private static Process startChild(TestRedis redis, FakeTraffic traffic, Queue<String> states) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(ShardProcess.command(List.of(
                        redis.uri().toString(),
                        redis.key("g"),
                        redis.key("discord"),
                        traffic.fake.gatewayUrl().toString(),
                        "0",
                        "1")))
                .redirectErrorStream(true);
        builder.environment()
                .put(ShardProcess.TOKEN_VARIABLE, traffic.fake.config().token());
        Process child = builder.start();
        Thread.ofPlatform().daemon(true).name("shard-process-output").start(() -> {
            try (BufferedReader lines =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    System.out.println("[shard process] " + line);
                    if (line.startsWith("STATE ")) {
                        states.add(line.substring("STATE ".length()));
                    }
                }
            } catch (IOException e) {
                System.out.println("[shard process] output ended: " + e);
            }
        });
        return child;
    }

    private static long storedSeq(TestRedis redis, Keys keys) {
        String seq = redis.commands().hget(keys.session(0), "seq");
        return seq == null ? -1 : Long.parseLong(seq);
    }

    private static long lastProduced(FakeTraffic traffic, String session) {
        List<ProducedDispatch> produced = traffic.fake.log().sessionEvents(session);
        return produced.get(produced.size() - 1).seq();
    }
}
