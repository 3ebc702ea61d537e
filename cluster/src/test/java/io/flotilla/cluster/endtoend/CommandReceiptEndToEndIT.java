package io.flotilla.cluster.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flotilla.cluster.command.CommandReader;
import io.flotilla.fake.CommandRecord;
import io.flotilla.gateway.Shard;
import io.flotilla.gateway.ShardState;
import io.flotilla.testkit.FaultProxy;
import io.flotilla.testkit.RedisExtension;
import io.flotilla.testkit.TestRedis;
import io.flotilla.worker.CommandSender;
import io.flotilla.worker.Keys;
import io.lettuce.core.RedisClient;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The command promise across a connection that dies silently, end to end (finding 2 of the 30-minute soak): a
 * worker's command that the node writes into a connection whose network path is cut without a reset (the loopback
 * proxy stops forwarding, the sockets stay open) stays in its stream until Discord provably read it, so after the
 * zombie and the RESUME the node sends it again and the fake gets it. Before the receipts the entry was deleted
 * on the socket write and the command was lost. And a command proven before a hand-off is not left for the next
 * owner: the stream is empty once the shard is handed off.
 */
@SuppressWarnings("deprecation") // TestRedis hands out its commands; their connection is what the sender takes
@ExtendWith(RedisExtension.class)
class CommandReceiptEndToEndIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aCommandWrittenIntoASilentlyDeadConnectionReachesTheFakeAfterTheResume(TestRedis redis) throws Exception {
        Keys keys = new Keys(redis.key("g"), redis.key("discord"), "test");
        RedisClient client = RedisClient.create(redis.uri().toString());
        try (FakeTraffic traffic = new FakeTraffic(1);
                FaultProxy proxy = FaultProxy.to("127.0.0.1", traffic.fake.port());
                RedisGatewayNode node = new RedisGatewayNode(viaProxy(traffic, proxy, redis, keys))) {
            Shard shard = node.start(0);
            await().atMost(WAIT).until(shard::state, state -> state == ShardState.READY);
            try (CommandReader reader = node.commandReader(client, id -> id == 0 ? shard : null)) {
                reader.assign(Set.of(0));
                CommandSender worker = new CommandSender(redis.commands().getStatefulConnection(), keys, 1);
                worker.sendToShard(0, 3, presence(1));
                await().atMost(WAIT).until(() -> marked(traffic, 1).size() == 1 && streamLength(redis, keys) == 0);

                proxy.hold(); // the node's bytes stop reaching the fake; its connection stays open
                int connections = traffic.fake.log().connections().size();
                worker.sendToShard(0, 3, presence(2));
                await().atMost(WAIT)
                        .until(() -> traffic.fake.log().connections().size() > connections);
                await().atMost(WAIT).until(() -> marked(traffic, 2).size() == 1 && streamLength(redis, keys) == 0);

                assertThat(traffic.fake.log().resumes())
                        .as("the zombie connection was resumed, past the proxy")
                        .anySatisfy(resume -> assertThat(resume.outcome()).isEqualTo("RESUMED"));
                assertThat(marked(traffic, 2).get(0).connectionId())
                        .as("read on the new connection")
                        .isNotEqualTo(marked(traffic, 1).get(0).connectionId());
                assertThat(redis.commands().xlen(keys.rejectedCommands())).isZero();
            }
        } finally {
            client.shutdown();
        }
    }

    @Test
    void commandsWrittenJustBeforeAHandOffAreNotLeftForTheNextOwner(TestRedis redis) throws Exception {
        Keys keys = new Keys(redis.key("g"), redis.key("discord"), "test");
        RedisClient client = RedisClient.create(redis.uri().toString());
        try (FakeTraffic traffic = new FakeTraffic(1);
                RedisGatewayNode node = new RedisGatewayNode(traffic.nodeSettings(redis.uri(), keys, 1))) {
            Shard shard = node.start(0);
            await().atMost(WAIT).until(shard::state, state -> state == ShardState.READY);
            try (CommandReader reader = node.commandReader(client, id -> id == 0 ? shard : null)) {
                reader.assign(Set.of(0));
                CommandSender worker = new CommandSender(redis.commands().getStatefulConnection(), keys, 1);
                LongStream.rangeClosed(1, 20).forEach(marker -> worker.sendToShard(0, 3, presence(marker)));
                await().atMost(WAIT).until(() -> marked(traffic, 20).size() == 1);

                // As the node hands off: the reader lets the shard go, the shard closes, its commands settle.
                reader.assign(Set.of());
                shard.handOff().get(10, TimeUnit.SECONDS);
                reader.settled(0).toCompletableFuture().get(10, TimeUnit.SECONDS);

                assertThat(streamLength(redis, keys))
                        .as("every command the fake read was proven (a receipt beat, or the close echo) and deleted")
                        .isZero();
                for (long marker = 1; marker <= 20; marker++) {
                    assertThat(marked(traffic, marker)).as("command %d", marker).hasSize(1);
                }
            }
        } finally {
            client.shutdown();
        }
    }

    private static RedisGatewayNode.Settings viaProxy(
            FakeTraffic traffic, FaultProxy proxy, TestRedis redis, Keys keys) {
        RedisGatewayNode.Settings direct = traffic.nodeSettings(redis.uri(), keys, 1);
        URI gateway =
                URI.create("ws://127.0.0.1:" + proxy.port() + direct.gateway().getRawPath());
        return new RedisGatewayNode.Settings(
                direct.redis(), keys, gateway, direct.token(), direct.shardTotal(), direct.sendWindow());
    }

    private static String presence(long marker) {
        return "{\"since\":" + marker + ",\"activities\":[],\"status\":\"online\",\"afk\":false}";
    }

    private static List<CommandRecord> marked(FakeTraffic traffic, long marker) {
        return traffic.fake.log().commands().stream()
                .filter(c -> c.data().contains("\"since\":" + marker + ","))
                .toList();
    }

    private static long streamLength(TestRedis redis, Keys keys) {
        return redis.commands().xlen(keys.commands(0));
    }
}
