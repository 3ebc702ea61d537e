package io.flotilla.cluster.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.cluster.lease.ShardFence;
import io.flotilla.testkit.RedisExtension;
import io.flotilla.testkit.TestRedis;
import io.flotilla.worker.CommandSender;
import io.flotilla.worker.Keys;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@SuppressWarnings("deprecation") // TestRedis hands out its commands; their connection is what the stores take
@ExtendWith(RedisExtension.class)
class CommandReaderIT {
    private static final String GUILD_ON_1 = Long.toString((1L << 22) * 5); // shard 1 of 4
    private static final String GUILD_ON_2 = Long.toString((1L << 22) * 6); // shard 2 of 4

    @Test
    void validCommandsReachTheirShardAndBadOnesAreRejectedWithTheReason(TestRedis redis) {
        Keys keys = new Keys(redis.key("g"), redis.key("discord"), "test");
        List<Command> sent = new CopyOnWriteArrayList<>();
        RedisClient client = RedisClient.create(redis.uri().toString());
        try (CommandReader reader = new CommandReader(
                client,
                keys,
                4,
                command -> {
                    sent.add(command);
                    return CompletableFuture.completedFuture(null);
                },
                id -> ShardFence.NONE,
                Duration.ofMillis(200),
                InstantSource.system(),
                CommandReader.DEFAULT_MAX_AGE)) {
            CommandSender sender = new CommandSender(redis.commands().getStatefulConnection(), keys, 4);
            // Queued before the node reads: still delivered once the shard is assigned.
            sender.send(GUILD_ON_1, 8, "{\"guild_id\":\"" + GUILD_ON_1 + "\",\"query\":\"\",\"limit\":0}");
            reader.assign(Set.of(1, 2));

            sender.send(
                    GUILD_ON_2,
                    4,
                    "{\"guild_id\":\"" + GUILD_ON_2 + "\",\"channel_id\":null,"
                            + "\"self_mute\":false,\"self_deaf\":false}");
            sender.sendToShard(1, 99, "{}");
            sender.sendToShard(2, 3, "{not json");
            sender.sendToShard(2, 8, "{\"guild_id\":\"" + GUILD_ON_1 + "\",\"query\":\"\",\"limit\":0}");
            sender.sendToShard(1, 31, "{\"guild_ids\":[\"" + GUILD_ON_1 + "\"],\"pad\":\"" + "x".repeat(5000) + "\"}");

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> sent.size() == 2 && redis.commands().xlen(keys.rejectedCommands()) == 4);
            assertThat(sent)
                    .extracting(Command::shard, Command::op)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(1, 8), org.assertj.core.groups.Tuple.tuple(2, 4));
            List<StreamMessage<String, String>> rejected =
                    redis.commands().xrange(keys.rejectedCommands(), Range.create("-", "+"));
            assertThat(rejected)
                    .extracting(entry -> entry.getBody().get("reason"))
                    .anySatisfy(reason -> assertThat(reason).contains("unknown op 99"))
                    .anySatisfy(reason -> assertThat(reason).contains("not valid JSON"))
                    .anySatisfy(reason -> assertThat(reason).contains("belongs to shard 1 of 4, not 2"))
                    .anySatisfy(reason -> assertThat(reason).contains("over Discord's limit"));
            assertThat(rejected.get(0).getBody()).containsKeys("op", "d", "shard", "id");
            await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(redis.commands().xlen(keys.commands(1))
                                    + redis.commands().xlen(keys.commands(2)))
                            .as("handled entries are deleted")
                            .isZero());
        } finally {
            client.shutdown();
        }
    }

    @Test
    void aCommandTheShardCannotTakeIsRecordedAsRejected(TestRedis redis) {
        Keys keys = new Keys(redis.key("g"), redis.key("discord"), "test");
        RedisClient client = RedisClient.create(redis.uri().toString());
        try (CommandReader reader = new CommandReader(
                client,
                keys,
                1,
                command -> CompletableFuture.failedFuture(new CommandRefusedException("command queue is full")),
                id -> ShardFence.NONE,
                Duration.ofMillis(200),
                InstantSource.system(),
                CommandReader.DEFAULT_MAX_AGE)) {
            reader.assign(Set.of(0));
            new CommandSender(redis.commands().getStatefulConnection(), keys, 1)
                    .sendToShard(0, 3, "{\"since\":null,\"activities\":[],\"status\":\"idle\",\"afk\":false}");

            await().atMost(Duration.ofSeconds(10)).until(() -> redis.commands().xlen(keys.rejectedCommands()) == 1);
            assertThat(redis.commands()
                            .xrange(keys.rejectedCommands(), Range.create("-", "+"))
                            .get(0)
                            .getBody())
                    .containsEntry("reason", "not sent: command queue is full");
        } finally {
            client.shutdown();
        }
    }
}
