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
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 17: a shard's commands have one outcome across a move. Only the shard's current owner (the holder of its
 * lease) settles an entry; a node that no longer runs the shard leaves it alone, and an entry is deleted only once
 * the shard sent it (its send completed: Discord provably read it) or it was rejected, so the commands a shard had
 * not sent when it left go to its next owner.
 */
@SuppressWarnings("deprecation") // TestRedis hands out its commands; their connection is what the sender takes
@ExtendWith(RedisExtension.class)
class CommandHandOverIT {
    private static final String GUILD_ON_1 = Long.toString((1L << 22) * 5); // shard 1 of 4
    private static final String PRESENCE = "{\"since\":null,\"activities\":[],\"status\":\"idle\",\"afk\":false}";

    /** Finding 2 of the soak: the node a shard just left still reads its stream before its assignment changes. */
    @Test
    void aNodeThatNoLongerRunsTheShardLeavesItsCommandsForTheNewOwner(TestRedis redis) {
        Keys keys = new Keys(redis.key("g"), redis.key("discord"), "test");
        redis.commands().set(keys.shardLease(1), "new:2"); // the shard moved: the new owner holds its lease
        redis.commands().set(keys.shardLease(2), "old:1");
        RedisClient client = RedisClient.create(redis.uri().toString());
        List<Command> sentByOld = new CopyOnWriteArrayList<>();
        List<Command> sentByNew = new CopyOnWriteArrayList<>();
        CommandSender sender = new CommandSender(redis.commands().getStatefulConnection(), keys, 4);
        try (CommandReader old = reader(client, keys, Map.of(1, "old:1", 2, "old:1"), command -> {
            if (command.shard() == 1) { // its shard object is gone; the reader's assignment not yet updated
                return CompletableFuture.failedFuture(new IllegalStateException("shard 1 does not run on this node"));
            }
            sentByOld.add(command);
            return CompletableFuture.completedFuture(null);
        })) {
            old.assign(Set.of(1, 2));
            String valid = sender.sendToShard(1, 3, PRESENCE);
            String invalid = sender.sendToShard(1, 99, "{}");
            // Written after the two above, read in the same or a later XREAD; its deletion follows their outcomes.
            String marker = sender.sendToShard(2, 3, PRESENCE);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> sentByOld.size() == 1 && redis.commands().xlen(keys.commands(2)) == 0);

            assertThat(redis.commands().xlen(keys.rejectedCommands()))
                    .as("the old owner rejected nothing of the shard it left")
                    .isZero();
            assertThat(redis.commands().xrange(keys.commands(1), Range.create("-", "+")))
                    .as("both entries left for the new owner")
                    .extracting(entry -> entry.getId())
                    .containsExactly(valid, invalid);
            assertThat(marker).isNotEmpty();

            try (CommandReader fresh = reader(client, keys, Map.of(1, "new:2"), command -> {
                sentByNew.add(command);
                return CompletableFuture.completedFuture(null);
            })) {
                fresh.assign(Set.of(1));
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> sentByNew.size() == 1
                                && redis.commands().xlen(keys.rejectedCommands()) == 1
                                && redis.commands().xlen(keys.commands(1)) == 0);
                assertThat(sentByNew).extracting(Command::entryId).containsExactly(valid);
                assertThat(redis.commands().xrange(keys.rejectedCommands(), Range.create("-", "+")))
                        .singleElement()
                        .satisfies(entry -> assertThat(entry.getBody())
                                .containsEntry("id", invalid)
                                .extractingByKey("reason")
                                .asString()
                                .contains("unknown op 99"));
            }
        } finally {
            client.shutdown();
        }
    }

    /** The design limit: an entry was deleted when read, so a command queued in a shard that left was lost. */
    @Test
    void aCommandTheShardHadNotSentWhenItLeftIsSentByTheNextOwner(TestRedis redis) {
        Keys keys = new Keys(redis.key("g"), redis.key("discord"), "test");
        redis.commands().set(keys.shardLease(1), "old:1");
        RedisClient client = RedisClient.create(redis.uri().toString());
        CompletableFuture<Void> queued = new CompletableFuture<>();
        List<Command> sentByNew = new CopyOnWriteArrayList<>();
        String entry;
        try (CommandReader old = reader(client, keys, Map.of(1, "old:1"), command -> queued)) {
            old.assign(Set.of(1));
            entry = new CommandSender(redis.commands().getStatefulConnection(), keys, 4)
                    .send(GUILD_ON_1, 8, "{\"guild_id\":\"" + GUILD_ON_1 + "\",\"query\":\"a\",\"limit\":5}");
            await().atMost(Duration.ofSeconds(10)).until(() -> old.inFlight(1) == 1);
            assertThat(redis.commands().xlen(keys.commands(1)))
                    .as("a command waiting in the shard's send queue is still in its stream")
                    .isEqualTo(1);

            // The hand-off: the reader lets the shard go, the shard stops and fails what it had not sent.
            old.assign(Set.of());
            queued.completeExceptionally(new IllegalStateException("command not sent: handed off"));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> old.settled(1).toCompletableFuture().isDone());
        }
        redis.commands().set(keys.shardLease(1), "new:2");
        try (CommandReader fresh = reader(client, keys, Map.of(1, "new:2"), command -> {
            sentByNew.add(command);
            return CompletableFuture.completedFuture(null);
        })) {
            fresh.assign(Set.of(1));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> sentByNew.size() == 1 && redis.commands().xlen(keys.commands(1)) == 0);
            assertThat(sentByNew).extracting(Command::entryId).containsExactly(entry);
            assertThat(redis.commands().xlen(keys.rejectedCommands())).isZero();
        } finally {
            client.shutdown();
        }
    }

    private static CommandReader reader(
            RedisClient client, Keys keys, Map<Integer, String> tokens, CommandTarget target) {
        return new CommandReader(
                client,
                keys,
                4,
                target,
                shard -> tokens.containsKey(shard)
                        ? new ShardFence(keys.shardLease(shard), tokens.get(shard), 1)
                        : new ShardFence(keys.shardLease(shard), "not-held", 0),
                Duration.ofMillis(200),
                InstantSource.system(),
                CommandReader.DEFAULT_MAX_AGE);
    }
}
