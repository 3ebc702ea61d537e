package io.flotilla.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.testkit.RedisExtension;
import io.flotilla.testkit.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The worker loop against a real Redis: handlers per name, dead letters, reclaim, a group shared by workers. */
@ExtendWith(RedisExtension.class)
class WorkerIT {
    private static final Duration BLOCK = Duration.ofMillis(50);
    private static final Duration BOUND = Duration.ofSeconds(20);
    private @Nullable RedisClient client;

    @AfterEach
    void shutdown() {
        if (client != null) {
            client.shutdown();
        }
    }

    @Test
    void handlersGetTheirEventsWithRawAndParsedDataAndAcknowledgeOnSuccess(TestRedis redis) {
        Keys keys = TestEvents.keys(redis);
        client = RedisClient.create(redis.uri().toString());
        List<String> seen = new ArrayList<>();
        try (Worker worker = Worker.builder(client, keys, "bots", "w1")
                .settings(settings(Duration.ofSeconds(60), 5))
                .on(
                        "MESSAGE_CREATE",
                        e -> seen.add("message " + e.json().path("content").asText() + " " + e.data()))
                .on("guild_create", e -> seen.add("guild " + e.guildId().orElseThrow()))
                .build()) {
            TestEvents.append(redis, keys, "MESSAGE_CREATE", 0, "s", 1, "{\"guild_id\":\"9\",\"content\":\"hi\"}");
            TestEvents.append(redis, keys, "GUILD_CREATE", 0, "s", 2, "{\"guild_id\":\"9\"}");
            until(() -> {
                worker.runOnce();
                return seen.size() == 2;
            });
            assertThat(seen).containsExactlyInAnyOrder("message hi {\"guild_id\":\"9\",\"content\":\"hi\"}", "guild 9");
            assertThat(pending(redis, keys.events("MESSAGE_CREATE"))).isZero();
            assertThat(pending(redis, keys.events("GUILD_CREATE"))).isZero();
        }
    }

    @Test
    void anEventFailingMaxDeliveriesTimesGoesToTheDeadLetterStreamWithTheError(TestRedis redis) {
        Keys keys = TestEvents.keys(redis);
        client = RedisClient.create(redis.uri().toString());
        AtomicInteger attempts = new AtomicInteger();
        try (Worker worker = Worker.builder(client, keys, "bots", "w1")
                .settings(settings(Duration.ZERO, 3)) // retry at once: every round reclaims
                .on("MESSAGE_CREATE", e -> {
                    attempts.incrementAndGet();
                    throw new IllegalStateException("handler broke on " + e.seq());
                })
                .build()) {
            String id = TestEvents.append(redis, keys, "MESSAGE_CREATE", 2, "s", 41, "{\"content\":\"x\"}");
            until(() -> {
                worker.runOnce();
                return redis.commands().xlen(keys.deadLetters("bots")) > 0;
            });
            assertThat(attempts).hasValue(3);
            List<StreamMessage<String, String>> dead =
                    redis.commands().xrange(keys.deadLetters("bots"), io.lettuce.core.Range.create("-", "+"));
            assertThat(dead).hasSize(1);
            Map<String, String> letter = dead.get(0).getBody();
            assertThat(letter)
                    .containsEntry(EventFields.SHARD, "2")
                    .containsEntry(EventFields.SEQ, "41")
                    .containsEntry(EventFields.SESSION, "s")
                    .containsEntry(EventFields.TYPE, "MESSAGE_CREATE")
                    .containsEntry(EventFields.DATA, "{\"content\":\"x\"}")
                    .containsEntry(DeadLetterFields.STREAM, keys.events("MESSAGE_CREATE"))
                    .containsEntry(DeadLetterFields.ENTRY_ID, id)
                    .containsEntry(DeadLetterFields.CONSUMER, "w1")
                    .containsEntry(DeadLetterFields.DELIVERIES, "3");
            assertThat(letter.get(DeadLetterFields.ERROR))
                    .startsWith("java.lang.IllegalStateException: handler broke on 41")
                    .contains("\tat ");
            assertThat(pending(redis, keys.events("MESSAGE_CREATE")))
                    .as("acknowledged once dead-lettered")
                    .isZero();
            worker.runOnce();
            assertThat(attempts).as("never handled again").hasValue(3);
        }
    }

    @Test
    void aWorkerReclaimsWhatADeadConsumerLeftAfterTheIdleTime(TestRedis redis) {
        Keys keys = TestEvents.keys(redis);
        client = RedisClient.create(redis.uri().toString());
        List<Long> handled = Collections.synchronizedList(new ArrayList<>());
        try (EventConsumer dead = new EventConsumer(client, keys, "bots", "dead", List.of("MESSAGE_CREATE"), 10)) {
            TestEvents.append(redis, keys, "MESSAGE_CREATE", 0, "s", 7, "{}");
            assertThat(dead.poll(10, BLOCK)).hasSize(1); // then it dies without acknowledging
        }
        try (Worker alive = Worker.builder(client, keys, "bots", "alive")
                .settings(settings(Duration.ofMillis(300), 5))
                .on("MESSAGE_CREATE", e -> handled.add(e.seq()))
                .build()) {
            alive.runOnce();
            assertThat(handled).as("not before the idle time").isEmpty();
            until(() -> {
                alive.runOnce();
                return !handled.isEmpty();
            });
            assertThat(handled).containsExactly(7L);
            assertThat(pending(redis, keys.events("MESSAGE_CREATE"))).isZero();
        }
    }

    @Test
    void workersSharingAGroupHandleEachEventOnce(TestRedis redis) throws InterruptedException {
        Keys keys = TestEvents.keys(redis);
        client = RedisClient.create(redis.uri().toString());
        List<Long> handled = Collections.synchronizedList(new ArrayList<>());
        List<Worker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (String name : List.of("a", "b")) {
            Worker worker = Worker.builder(client, keys, "bots", name)
                    .settings(settings(Duration.ofSeconds(60), 5))
                    .on("MESSAGE_CREATE", e -> handled.add(e.seq()))
                    .build();
            workers.add(worker);
            threads.add(Thread.ofPlatform().name("worker-" + name).start(worker::run));
        }
        try {
            for (long seq = 1; seq <= 200; seq++) {
                TestEvents.append(redis, keys, "MESSAGE_CREATE", 0, "s", seq, "{}");
                if (seq % 50 == 0) {
                    TestEvents.append(redis, keys, "MESSAGE_CREATE", 0, "s", seq, "{}"); // a copy
                }
            }
            until(() -> handled.size() >= 200 && pending(redis, keys.events("MESSAGE_CREATE")) == 0);
        } finally {
            workers.forEach(Worker::close);
            for (Thread thread : threads) {
                thread.join(BOUND.toMillis());
            }
        }
        assertThat(handled).hasSize(200);
        assertThat(new HashSet<>(handled)).hasSize(200);
        Set<String> consumers = new HashSet<>();
        redis.commands()
                .xinfoConsumers(keys.events("MESSAGE_CREATE"), "bots")
                .forEach(c -> consumers.add(c.toString()));
        assertThat(consumers).hasSize(2);
    }

    private static WorkerSettings settings(Duration reclaimAfter, int maxDeliveries) {
        return new WorkerSettings(100, BLOCK, reclaimAfter, maxDeliveries, 1000, GroupDedup.DEFAULT);
    }

    private static long pending(TestRedis redis, String stream) {
        return redis.commands().xpending(stream, "bots").getCount();
    }

    private static void until(BooleanSupplier done) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not done within " + BOUND);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
