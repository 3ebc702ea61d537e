package io.flotilla.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.testkit.RedisExtension;
import io.flotilla.testkit.TestRedis;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisExtension.class)
class EventConsumerIT {
    private @Nullable RedisClient client; // created per test with the test's Redis address

    @AfterEach
    void shutdown() {
        if (client != null) {
            client.shutdown();
        }
    }

    @Test
    void readsEventsOfAGroupAndDropsRepeatsOfHandledOnes(TestRedis redis) {
        Keys keys = keys(redis);
        client = RedisClient.create(redis.uri().toString());
        try (EventConsumer consumer =
                new EventConsumer(client, keys, "workers", "w1", List.of("MESSAGE_CREATE"), 1000)) {
            append(redis, keys, 1, "s", 10);
            append(redis, keys, 1, "s", 11);
            List<Event> first = consumer.poll(10, Duration.ofMillis(100));
            assertThat(first).extracting(Event::seq).containsExactly(10L, 11L);
            assertThat(first.get(0).data()).isEqualTo("{\"seq\":10}");
            first.forEach(consumer::ack);

            append(redis, keys, 1, "s", 11); // written twice (a retried commit): a repeat
            append(redis, keys, 1, "other-session", 11); // same seq, new session: a different event
            append(redis, keys, 2, "s", 11); // another shard: a different event
            assertThat(consumer.poll(10, Duration.ofMillis(100)))
                    .extracting(Event::shard, Event::session)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(1, "other-session"),
                            org.assertj.core.groups.Tuple.tuple(2, "s"));
            assertThat(redis.commands()
                            .xpending(keys.events("MESSAGE_CREATE"), "workers")
                            .getCount())
                    .as("the repeat was acknowledged, the two new ones wait for their ack")
                    .isEqualTo(2);
        }
    }

    @Test
    void anotherConsumerReclaimsWhatADeadOneLeftUnacknowledged(TestRedis redis) {
        Keys keys = keys(redis);
        client = RedisClient.create(redis.uri().toString());
        try (EventConsumer dead = new EventConsumer(client, keys, "workers", "dead", List.of("MESSAGE_CREATE"), 10);
                EventConsumer alive =
                        new EventConsumer(client, keys, "workers", "alive", List.of("MESSAGE_CREATE"), 10)) {
            append(redis, keys, 0, "s", 1);
            assertThat(dead.poll(10, Duration.ofMillis(100))).hasSize(1);
            assertThat(alive.poll(10, Duration.ofMillis(50))).isEmpty();

            List<Event> reclaimed = alive.reclaim(Duration.ZERO, 10);
            assertThat(reclaimed).extracting(Event::seq).containsExactly(1L);
            alive.ack(reclaimed.get(0));
            assertThat(redis.commands()
                            .xpending(keys.events("MESSAGE_CREATE"), "workers")
                            .getCount())
                    .isZero();
        }
    }

    @Test
    void aMalformedEntryIsSkippedAndAcknowledged(TestRedis redis) {
        Keys keys = keys(redis);
        client = RedisClient.create(redis.uri().toString());
        try (EventConsumer consumer = new EventConsumer(client, keys, "workers", "w1", List.of("READY"), 10)) {
            redis.commands().xadd(keys.events("READY"), Map.of("t", "READY"));
            assertThat(consumer.poll(10, Duration.ofMillis(100))).isEmpty();
            assertThat(redis.commands()
                            .xpending(keys.events("READY"), "workers")
                            .getCount())
                    .isZero();
        }
    }

    private static Keys keys(TestRedis redis) {
        return new Keys(redis.key("g"), redis.key("discord"), "test");
    }

    private static void append(TestRedis redis, Keys keys, int shard, String session, long seq) {
        redis.commands()
                .xadd(
                        keys.events("MESSAGE_CREATE"),
                        Map.of(
                                EventFields.SHARD,
                                Integer.toString(shard),
                                EventFields.SEQ,
                                Long.toString(seq),
                                EventFields.SESSION,
                                session,
                                EventFields.TYPE,
                                "MESSAGE_CREATE",
                                EventFields.DATA,
                                "{\"seq\":" + seq + "}",
                                EventFields.RECEIVED_AT,
                                "1"));
    }
}
