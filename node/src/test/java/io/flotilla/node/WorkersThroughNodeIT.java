package io.flotilla.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.cluster.endtoend.CommittedEvents;
import io.flotilla.cluster.endtoend.StreamsMatchFake;
import io.flotilla.fake.IdentifyRecord;
import io.flotilla.fake.ProducedDispatch;
import io.flotilla.testkit.RedisExtension;
import io.flotilla.testkit.TestRedis;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.models.stream.PendingMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Workers through a running node: the fake Discord sends, a real node process commits to a real Redis, and two
 * worker processes ({@link TallyWorker}, the Java SDK with group-wide de-duplication) consume a steady stream of
 * MESSAGE_CREATE while one of them is SIGKILLed. Every event the fake sent is handled at least once; an event is
 * handled twice only if the killed worker had it in hand, unacknowledged, when it died (the one window
 * {@code GroupDedup} documents: a handler that ran but was never acknowledged).
 */
@ExtendWith(RedisExtension.class)
@SuppressWarnings("deprecation") // TestRedis hands out its commands
class WorkersThroughNodeIT {
    private static final int SHARDS = 4;
    private static final Duration BOUND = Duration.ofSeconds(60);

    @Test
    void twoWorkersOneKilledHandleEverySentMessageAndOnlyTheKilledOnesInHandEventsTwice(TestRedis redis, TestInfo test)
            throws Exception {
        try (NodeCluster cluster = new NodeCluster(
                redis, SHARDS, test.getTestMethod().orElseThrow().getName())) {
            cluster.start("node-a");
            await().atMost(BOUND).until(() -> cluster.shardsEverReady() == SHARDS);
            Path logs = Path.of(
                    "target", "node-logs", test.getTestMethod().orElseThrow().getName());
            NodeProcess first = NodeProcess.start("worker-1", TallyWorker.class, workerEnv(cluster, "worker-1"), logs);
            NodeProcess second = NodeProcess.start("worker-2", TallyWorker.class, workerEnv(cluster, "worker-2"), logs);
            try (first;
                    second) {
                await().atMost(BOUND)
                        .until(() -> first.logText().contains("tally worker ready")
                                && second.logText().contains("tally worker ready"));
                cluster.emit(1); // 50 events/s per shard, a share of them MESSAGE_CREATE
                await().atMost(BOUND).until(() -> handled(first).size() >= 50);
                await().atMost(BOUND)
                        .pollInterval(Duration.ofMillis(5))
                        .until(() -> !pendingOf(cluster, "worker-1").isEmpty());

                first.kill();
                Set<String> inHand = pendingOf(cluster, "worker-1");
                Thread.sleep(3_000); // the stream goes on to the survivor alone
                cluster.pause();

                Set<String> sent = sentMessages(cluster);
                await().atMost(BOUND)
                        .pollInterval(Duration.ofMillis(250))
                        .untilAsserted(() -> assertThat(union(first, second)).containsAll(sent));
                assertThat(StreamsMatchFake.difference(
                                cluster.fake.log(),
                                CommittedEvents.read(redis.commands(), cluster.keys),
                                StreamsMatchFake.gaps(redis.commands(), cluster.keys),
                                new long[1]))
                        .as("the node's streams against the fake's log")
                        .isNull();
                List<String> twice = new ArrayList<>(handled(first));
                twice.retainAll(handled(second));
                assertThat(inHand)
                        .as("the kill found entries in hand, for the survivor to reclaim")
                        .isNotEmpty();
                assertThat(twice)
                        .as("handled by both workers: only what worker-1 held unacknowledged when killed (%s)", inHand)
                        .allMatch(inHand::contains);
                assertThat(duplicatesWithin(handled(second)))
                        .as("the survivor handled nothing twice")
                        .isEmpty();
                assertThat(handled(first))
                        .as("the killed worker worked before it died")
                        .isNotEmpty();
                assertThat(union(first, second))
                        .as("nothing handled that was not sent")
                        .isSubsetOf(sent);
                System.out.printf(
                        "workers: %d messages sent; worker-1 handled %d before its SIGKILL with %d in hand; worker-2"
                                + " handled %d; handled by both: %d%n",
                        sent.size(),
                        handled(first).size(),
                        inHand.size(),
                        handled(second).size(),
                        twice.size());
            }
        }
    }

    private static Map<String, String> workerEnv(NodeCluster cluster, String consumer) {
        Map<String, String> env = new HashMap<>();
        env.put("REDIS_URL", cluster.redis.uri().toString());
        env.put("KEY_PREFIX", cluster.keys.prefix());
        env.put("QUEUE_PREFIX", cluster.keys.queuePrefix());
        env.put("GROUP_NAME", cluster.keys.group());
        env.put("CONSUMER", consumer);
        env.put("HANDLER_MS", "20");
        return env;
    }

    /** Every MESSAGE_CREATE the fake produced, as "shard session seq". */
    private static Set<String> sentMessages(NodeCluster cluster) {
        Set<String> sent = new HashSet<>();
        for (IdentifyRecord identify : cluster.fake.log().identifies()) {
            if (identify.sessionId() == null) {
                continue;
            }
            for (ProducedDispatch produced : cluster.fake.log().sessionEvents(identify.sessionId())) {
                if (produced.dispatch().type().equals("MESSAGE_CREATE")) {
                    sent.add(identify.shardId() + " " + identify.sessionId() + " " + produced.seq());
                }
            }
        }
        return sent;
    }

    /** The events a worker process printed as handled, in order, as "shard session seq" (repeats kept). */
    private static List<String> handled(NodeProcess worker) {
        return worker.logText()
                .lines()
                .filter(line -> line.startsWith("handled "))
                .map(line -> line.substring("handled ".length()))
                .toList();
    }

    private static Set<String> union(NodeProcess first, NodeProcess second) {
        Set<String> all = new HashSet<>(handled(first));
        all.addAll(handled(second));
        return all;
    }

    private static List<String> duplicatesWithin(List<String> events) {
        Set<String> seen = new HashSet<>();
        return events.stream().filter(event -> !seen.add(event)).toList();
    }

    /** The events delivered to {@code consumer} and not acknowledged, as "shard session seq". */
    private static Set<String> pendingOf(NodeCluster cluster, String consumer) {
        String stream = cluster.keys.events("MESSAGE_CREATE");
        Set<String> held = new HashSet<>();
        List<PendingMessage> pending = cluster.redis
                .commands()
                .xpending(stream, Consumer.from(TallyWorker.GROUP, consumer), Range.create("-", "+"), Limit.from(1000));
        for (PendingMessage message : pending) {
            for (StreamMessage<String, String> entry :
                    cluster.redis.commands().xrange(stream, Range.create(message.getId(), message.getId()))) {
                Map<String, String> body = entry.getBody();
                held.add(body.get("shard") + " " + body.get("session") + " " + body.get("seq"));
            }
        }
        return held;
    }
}
