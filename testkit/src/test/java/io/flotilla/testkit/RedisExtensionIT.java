package io.flotilla.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.SetArgs;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisExtension.class)
class RedisExtensionIT {

    @Test
    @SuppressWarnings("unchecked") // Lettuce's xreadgroup takes varargs of a generic type
    void streamsKeepEntriesInOrderForAConsumerGroup(TestRedis redis) {
        RedisCommands<String, String> commands = redis.commands();
        String stream = redis.key("discord:event:message_create");

        commands.xadd(stream, Map.of("seq", "1", "d", "{}"));
        commands.xadd(stream, Map.of("seq", "2", "d", "{}"));
        commands.xgroupCreate(XReadArgs.StreamOffset.from(stream, "0"), "workers");
        List<StreamMessage<String, String>> read = commands.xreadgroup(
                io.lettuce.core.Consumer.from("workers", "w1"), XReadArgs.StreamOffset.lastConsumed(stream));

        assertThat(read).extracting(m -> m.getBody().get("seq")).containsExactly("1", "2");
        assertThat(commands.xack(stream, "workers", read.get(0).getId())).isEqualTo(1);
        assertThat(commands.xpending(stream, "workers").getCount()).isEqualTo(1);
    }

    @Test
    void leaseTakenWithSetNxPxExcludesOthersUntilItExpires(TestRedis redis) {
        RedisCommands<String, String> commands = redis.commands();
        String lease = redis.key("lease");
        // Long enough that a loaded machine cannot let it lapse between the first three commands.
        SetArgs nxPx = SetArgs.Builder.nx().px(Duration.ofSeconds(2));

        assertThat(commands.set(lease, "node-a", nxPx)).isEqualTo("OK");
        assertThat(commands.set(lease, "node-b", nxPx)).isNull();
        assertThat(commands.pttl(lease)).isBetween(1L, 2000L);

        // Expiry runs on Redis's clock, so waiting for it is the point: node-b gets the lease once it lapses.
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> "OK".equals(commands.set(lease, "node-b", nxPx)));
        assertThat(commands.get(lease)).isEqualTo("node-b");
    }

    @Test
    void eachTestHasItsOwnPrefix(TestRedis first, TestRedis second) {
        assertThat(first.prefix()).isNotEqualTo(second.prefix()).endsWith(":");
        assertThat(first.uri()).isEqualTo(second.uri());
    }

    @Test
    void killedServerComesBackWithItsData() {
        try (RedisProcess server = RedisProcess.startNew();
                TestRedis redis = new TestRedis(server.uri(), "k:")) {
            redis.commands().set(redis.key("survives"), "yes");
            redis.commands().xadd(redis.key("stream"), Map.of("a", "1"));
            server.kill();
            server.start();
            try (TestRedis again = new TestRedis(server.uri(), "k:")) {
                assertThat(again.commands().get(again.key("survives"))).isEqualTo("yes");
                assertThat(again.commands().xlen(again.key("stream"))).isEqualTo(1);
            }
        }
    }
}
