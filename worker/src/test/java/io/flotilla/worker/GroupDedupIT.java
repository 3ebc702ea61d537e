package io.flotilla.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.testkit.RedisExtension;
import io.flotilla.testkit.TestRedis;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 12 item 14: two consumers of one group, one event appended twice (as when it is replayed after a commit
 * whose reply was lost, or after a Redis rollback): handled once in the group with de-duplication on.
 */
@ExtendWith(RedisExtension.class)
class GroupDedupIT {
    private static final Duration BLOCK = Duration.ofMillis(100);
    private @Nullable RedisClient client; // created per test with the test's Redis address

    @AfterEach
    void shutdown() {
        if (client != null) {
            client.shutdown();
        }
    }

    @Test
    void aCopyReachingAnotherConsumerIsDroppedGroupWide(TestRedis redis) {
        Keys keys = keys(redis);
        client = RedisClient.create(redis.uri().toString());
        try (EventConsumer first = consumer(keys, "c1", GroupDedup.DEFAULT);
                EventConsumer second = consumer(keys, "c2", GroupDedup.DEFAULT)) {
            append(redis, keys, 7);
            append(redis, keys, 7); // the copy
            List<Event> handled = new ArrayList<>(first.poll(1, BLOCK));
            handled.addAll(second.poll(10, BLOCK));
            assertThat(handled).extracting(Event::seq).containsExactly(7L);
            handled.forEach(first::ack);

            append(redis, keys, 7); // a later copy, after the event was handled
            assertThat(second.poll(10, BLOCK)).isEmpty();
            assertThat(first.poll(10, BLOCK)).isEmpty();
            assertThat(pending(redis, keys)).as("copies are acknowledged").isZero();
            assertThat(redis.commands().get(keys.dedup("workers", 1, "s", 7))).isEqualTo("done");
            assertThat(redis.commands().pttl(keys.dedup("workers", 1, "s", 7))).isPositive();
        }
    }

    @Test
    void aClaimOfADeadConsumerIsReclaimedNotLost(TestRedis redis) {
        Keys keys = keys(redis);
        client = RedisClient.create(redis.uri().toString());
        try (EventConsumer dead = consumer(keys, "dead", GroupDedup.DEFAULT);
                EventConsumer alive = consumer(keys, "alive", GroupDedup.DEFAULT)) {
            append(redis, keys, 8);
            append(redis, keys, 8);
            assertThat(dead.poll(1, BLOCK)).hasSize(1); // claimed, then its consumer dies before handling
            assertThat(alive.poll(10, BLOCK))
                    .as("the copy: the claimant is still pending")
                    .isEmpty();

            List<Event> reclaimed = alive.reclaim(Duration.ZERO, 10);
            assertThat(reclaimed).as("the claiming entry itself is redelivered").hasSize(1);
            alive.ack(reclaimed.get(0));
            assertThat(pending(redis, keys)).isZero();
        }
    }

    @Test
    void withDedupOffACopyReachesTheOtherConsumer(TestRedis redis) {
        Keys keys = keys(redis);
        client = RedisClient.create(redis.uri().toString());
        try (EventConsumer first = consumer(keys, "c1", GroupDedup.OFF);
                EventConsumer second = consumer(keys, "c2", GroupDedup.OFF)) {
            append(redis, keys, 9);
            append(redis, keys, 9);
            List<Event> handled = new ArrayList<>(first.poll(1, BLOCK));
            handled.addAll(second.poll(10, BLOCK));
            assertThat(handled).extracting(Event::seq).containsExactly(9L, 9L);
            assertThat(redis.commands().exists(keys.dedup("workers", 1, "s", 9)))
                    .isZero();
        }
    }

    private EventConsumer consumer(Keys keys, String name, GroupDedup dedup) {
        return new EventConsumer(
                java.util.Objects.requireNonNull(client), keys, "workers", name, List.of("MESSAGE_CREATE"), 100, dedup);
    }

    private static long pending(TestRedis redis, Keys keys) {
        return redis.commands()
                .xpending(keys.events("MESSAGE_CREATE"), "workers")
                .getCount();
    }

    private static Keys keys(TestRedis redis) {
        return new Keys(redis.key("g"), redis.key("discord"), "test");
    }

    private static void append(TestRedis redis, Keys keys, long seq) {
        redis.commands()
                .xadd(
                        keys.events("MESSAGE_CREATE"),
                        Map.of(
                                EventFields.SHARD, "1",
                                EventFields.SEQ, Long.toString(seq),
                                EventFields.SESSION, "s",
                                EventFields.TYPE, "MESSAGE_CREATE",
                                EventFields.DATA, "{}",
                                EventFields.RECEIVED_AT, "1"));
    }
}
