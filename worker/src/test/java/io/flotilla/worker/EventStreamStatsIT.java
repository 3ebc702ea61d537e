package io.flotilla.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.testkit.RedisExtension;
import io.flotilla.testkit.TestRedis;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@SuppressWarnings("deprecation") // TestRedis hands out its commands; their connection is what the stores take
@ExtendWith(RedisExtension.class)
class EventStreamStatsIT {

    @Test
    void reportsLengthPendingAndLagPerGroup(TestRedis redis) {
        Keys keys = new Keys(redis.key("g"), redis.key("discord"), "test");
        EventStreamStats stats = new EventStreamStats(redis.commands().getStatefulConnection(), keys);
        assertThat(stats.length("MESSAGE_CREATE")).isZero();
        assertThat(stats.groups("MESSAGE_CREATE")).isEmpty();

        RedisClient client = RedisClient.create(redis.uri().toString());
        try (EventConsumer consumer = new EventConsumer(client, keys, "workers", "w1", List.of("MESSAGE_CREATE"), 10)) {
            for (int seq = 1; seq <= 5; seq++) {
                redis.commands()
                        .xadd(
                                keys.events("MESSAGE_CREATE"),
                                Map.of(
                                        "shard",
                                        "0",
                                        "seq",
                                        Integer.toString(seq),
                                        "session",
                                        "s",
                                        "t",
                                        "MESSAGE_CREATE",
                                        "d",
                                        "{}",
                                        "at",
                                        "1"));
            }
            consumer.poll(2, Duration.ofMillis(100));

            assertThat(stats.length("MESSAGE_CREATE")).isEqualTo(5);
            assertThat(stats.groups("MESSAGE_CREATE")).containsExactly(new GroupLag("workers", 1, 2, 3));
        } finally {
            client.shutdown();
        }
    }
}
