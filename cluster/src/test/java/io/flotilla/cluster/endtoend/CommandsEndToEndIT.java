package io.flotilla.cluster.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.cluster.command.CommandReader;
import io.flotilla.gateway.Shard;
import io.flotilla.gateway.ShardState;
import io.flotilla.testkit.RedisExtension;
import io.flotilla.testkit.TestRedis;
import io.flotilla.worker.CommandSender;
import io.flotilla.worker.Keys;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 4's command path end to end: a worker's {@code XADD} to {@code g:command:<shard>} (through the worker SDK's
 * {@link CommandSender}, routed by guild) is read by the node's {@link CommandReader}, validated, sent by the real
 * gateway shard that owns the guild, answered by the fake Discord, and the answer lands in the event streams. A bad
 * command goes to {@code g:command:rejected} with its reason and never reaches Discord: neither an unknown op,
 * nor a {@code d} with something after its one JSON value (issue 12 item 10: spliced into the envelope, such a
 * {@code d} smuggled {@code "op":2} to Discord or made it close the shard with 4002), nor a command written before a
 * restart (stale).
 */
@SuppressWarnings("deprecation") // TestRedis hands out its commands; their connection is what the sender takes
@ExtendWith(RedisExtension.class)
class CommandsEndToEndIT {
    private static final int SHARDS = 2;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aWorkersMemberRequestIsAnsweredIntoTheStreamsAndABadCommandIsRejected(TestRedis redis) throws Exception {
        Keys keys = new Keys(redis.key("g"), redis.key("discord"), "test");
        RedisClient client = RedisClient.create(redis.uri().toString());
        try (FakeTraffic traffic = new FakeTraffic(SHARDS);
                RedisGatewayNode node = new RedisGatewayNode(traffic.nodeSettings(redis.uri(), keys, SHARDS))) {
            Map<Integer, Shard> running = Map.of(0, node.start(0), 1, node.start(1));
            running.values()
                    .forEach(shard -> await().atMost(WAIT).until(shard::state, state -> state == ShardState.READY));
            try (CommandReader reader = node.commandReader(client, running::get)) {
                reader.assign(Set.of(0, 1));
                CommandSender sender = new CommandSender(redis.commands().getStatefulConnection(), keys, SHARDS);
                String guild = traffic.fake.world().guildIds(1, SHARDS).get(0);

                sender.send(guild, CommandSender.REQUEST_GUILD_MEMBERS, """
                        {"guild_id":"%s","query":"","limit":0,"nonce":"e2e-members"}""".formatted(guild));
                sender.sendToShard(0, 99, "{}");

                String chunks = keys.events("GUILD_MEMBERS_CHUNK");
                await().atMost(WAIT).until(() -> redis.commands().xlen(chunks) >= 1);
                List<StreamMessage<String, String>> answers = redis.commands().xrange(chunks, Range.create("-", "+"));
                assertThat(answers).hasSize(1);
                assertThat(answers.get(0).getBody())
                        .containsEntry("shard", "1")
                        .extractingByKey("d")
                        .asString()
                        .contains("\"nonce\":\"e2e-members\"", "\"guild_id\":\"" + guild + "\"");
                JsonNode chunk =
                        new ObjectMapper().readTree(answers.get(0).getBody().get("d"));
                assertThat(chunk.get("chunk_count").asInt()).isEqualTo(1);
                assertThat(chunk.get("members").size())
                        .as("every member of the guild, as the fake's world has them")
                        .isEqualTo(traffic.fake.world().members(guild).size());

                await().atMost(WAIT).until(() -> redis.commands().xlen(keys.rejectedCommands()) == 1);
                List<StreamMessage<String, String>> rejected =
                        redis.commands().xrange(keys.rejectedCommands(), Range.create("-", "+"));
                assertThat(rejected.get(0).getBody().get("reason")).contains("unknown op 99");
                assertThat(traffic.fake.log().violations())
                        .as("the fake saw no protocol mistake")
                        .isEmpty();
                assertThat(running.values())
                        .allSatisfy(shard -> assertThat(shard.state()).isEqualTo(ShardState.READY));
            }
        } finally {
            client.shutdown();
        }
    }

    @Test
    void craftedAndStaleCommandsAreRejectedAndNeverReachTheFake(TestRedis redis) throws Exception {
        Keys keys = new Keys(redis.key("g"), redis.key("discord"), "test");
        RedisClient client = RedisClient.create(redis.uri().toString());
        try (FakeTraffic traffic = new FakeTraffic(1);
                RedisGatewayNode node = new RedisGatewayNode(traffic.nodeSettings(redis.uri(), keys, 1))) {
            Shard shard = node.start(0);
            await().atMost(WAIT).until(shard::state, state -> state == ShardState.READY);
            int connections = traffic.fake.log().connections().size();
            String guild = traffic.fake.world().guildIds(0, 1).get(0);
            String stream = keys.commands(0);
            CommandSender worker = new CommandSender(redis.commands().getStatefulConnection(), keys, 1);

            // Queued 75 s ago, before the node restarted: the entry id carries the time it was written.
            long written = System.currentTimeMillis() - 75_000;
            redis.commands()
                    .xadd(stream, new XAddArgs().id(written + "-0"), Map.of("op", "8", "d", members(guild, "stale")));
            worker.send(guild, CommandSender.REQUEST_GUILD_MEMBERS, members(guild, "smuggled") + ",\"op\":2,\"x\":{}");
            worker.send(guild, CommandSender.REQUEST_GUILD_MEMBERS, members(guild, "brace") + " }");
            try (CommandReader reader = node.commandReader(client, id -> id == 0 ? shard : null)) {
                reader.assign(Set.of(0));
                // Handled in stream order and sent in order: once its answer is in, the three before it were judged.
                worker.send(guild, CommandSender.REQUEST_GUILD_MEMBERS, members(guild, "valid"));

                String chunks = keys.events("GUILD_MEMBERS_CHUNK");
                await().atMost(WAIT).until(() -> redis.commands().xlen(chunks) >= 1);
                await().atMost(WAIT).until(() -> redis.commands().xlen(keys.rejectedCommands()) == 3);
                List<StreamMessage<String, String>> rejected =
                        redis.commands().xrange(keys.rejectedCommands(), Range.create("-", "+"));
                assertThat(rejected)
                        .extracting(entry -> entry.getBody().get("reason"))
                        .containsExactly(
                                "stale: written 75 s ago, older than the 60 s limit; commands are not sent after a"
                                        + " restart",
                                rejected.get(1).getBody().get("reason"),
                                rejected.get(2).getBody().get("reason"))
                        .allSatisfy(reason -> assertThat(reason).isNotBlank());
                assertThat(rejected.subList(1, 3))
                        .extracting(entry -> entry.getBody().get("reason"))
                        .allSatisfy(reason -> assertThat(reason).startsWith("d must be exactly one JSON value"));
                assertThat(rejected.get(1).getBody().get("d")).contains("\"op\":2");

                assertThat(redis.commands().xrange(chunks, Range.create("-", "+")))
                        .as("only the valid command was answered")
                        .extracting(entry -> new ObjectMapper()
                                .readTree(entry.getBody().get("d"))
                                .path("nonce")
                                .asText())
                        .containsExactly("valid");
                assertThat(traffic.fake.log().violations())
                        .as("the fake saw no protocol mistake: no op 2 on a live session, no 4002")
                        .isEmpty();
                assertThat(traffic.fake.log().connections())
                        .as("the shard was never closed and reconnected")
                        .hasSize(connections);
                assertThat(shard.state()).isEqualTo(ShardState.READY);
            }
        } finally {
            client.shutdown();
        }
    }

    /** A member request by name prefix (not the all-members form Discord limits to one per 30 s). */
    private static String members(String guild, String nonce) {
        return """
                {"guild_id":"%s","query":"","limit":%d,"nonce":"%s"}""".formatted(guild, nonce.equals("valid") ? 0 : 5, nonce);
    }
}
