package io.flotilla.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flotilla.testkit.RedisExtension;
import io.flotilla.testkit.TestRedis;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Commands routed to the owning shard with the cluster's recorded shard count, and refused before any write. */
@ExtendWith(RedisExtension.class)
class GatewayCommandsIT {
    private static final int SHARDS = 4;
    /** The top bit set: routing must treat it as unsigned. */
    private static final String HIGH_GUILD = "18446744073709551615";

    private @Nullable RedisClient client;

    @AfterEach
    void shutdown() {
        if (client != null) {
            client.shutdown();
        }
    }

    @Test
    void commandsLandOnTheShardThatOwnsTheGuild(TestRedis redis) {
        Keys keys = TestEvents.keys(redis);
        TestEvents.shardCount(redis, keys, SHARDS);
        client = RedisClient.create(redis.uri().toString());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            GatewayCommands commands = new GatewayCommands(connection, keys);
            commands.voiceState(HIGH_GUILD, "42", false, true);
            commands.requestMembers("41943040", List.of("1", "2"), "n1");

            assertThat(only(redis, keys, owner(HIGH_GUILD)))
                    .containsEntry(CommandFields.OP, "4")
                    .containsEntry(
                            CommandFields.DATA,
                            "{\"guild_id\":\"" + HIGH_GUILD
                                    + "\",\"channel_id\":\"42\",\"self_mute\":false,\"self_deaf\":true}");
            assertThat(only(redis, keys, owner("41943040"))) // (41943040 >> 22) % 4 = 10 % 4 = 2
                    .containsEntry(CommandFields.OP, "8")
                    .containsEntry(
                            CommandFields.DATA,
                            "{\"guild_id\":\"41943040\",\"user_ids\":[\"1\",\"2\"],\"nonce\":\"n1\"}");
            assertThat(owner("41943040")).isEqualTo(2);
        }
    }

    @Test
    void presenceGoesToEveryShard(TestRedis redis) {
        Keys keys = TestEvents.keys(redis);
        TestEvents.shardCount(redis, keys, SHARDS);
        client = RedisClient.create(redis.uri().toString());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            List<String> ids = new GatewayCommands(connection, keys)
                    .presenceAll(Presence.online(Presence.Activity.playing("pong"), Presence.Activity.custom("hi")));
            assertThat(ids).hasSize(SHARDS);
            IntStream.range(0, SHARDS)
                    .forEach(shard -> assertThat(only(redis, keys, shard))
                            .containsEntry(CommandFields.OP, "3")
                            .containsEntry(
                                    CommandFields.DATA,
                                    "{\"since\":null,\"activities\":[{\"name\":\"pong\",\"type\":0},{\"name\":\"Custom Status\","
                                            + "\"type\":4,\"state\":\"hi\"}],\"status\":\"online\",\"afk\":false}"));
        }
    }

    @Test
    void soundboardRequestsAreSplitPerShard(TestRedis redis) {
        Keys keys = TestEvents.keys(redis);
        TestEvents.shardCount(redis, keys, SHARDS);
        client = RedisClient.create(redis.uri().toString());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            // shards 0, 1 and 1 again
            Map<Integer, String> ids = new GatewayCommands(connection, keys)
                    .requestSoundboardSounds(List.of("16777216", "4194304", "20971520"));
            assertThat(ids).containsOnlyKeys(0, 1);
            assertThat(only(redis, keys, 1))
                    .containsEntry(CommandFields.DATA, "{\"guild_ids\":[\"4194304\",\"20971520\"]}");
            assertThat(only(redis, keys, 0)).containsEntry(CommandFields.DATA, "{\"guild_ids\":[\"16777216\"]}");
        }
    }

    @Test
    void badCommandsAreRefusedBeforeAnythingIsWritten(TestRedis redis) {
        Keys keys = TestEvents.keys(redis);
        TestEvents.shardCount(redis, keys, SHARDS);
        client = RedisClient.create(redis.uri().toString());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            GatewayCommands commands = new GatewayCommands(connection, keys);
            List<String> tooMany =
                    IntStream.rangeClosed(1, 101).mapToObj(Integer::toString).toList();
            assertThatThrownBy(() -> commands.requestMembers("1", tooMany, null))
                    .hasMessageContaining("1 to 100 user ids, not 101");
            assertThatThrownBy(() -> commands.requestMembers("1", "", -1, null)).hasMessageContaining("limit");
            assertThatThrownBy(() -> commands.requestMembers("1", "", 0, "x".repeat(33)))
                    .hasMessageContaining("nonce");
            assertThatThrownBy(() -> commands.voiceState("not-a-guild", null, false, false))
                    .hasMessageContaining("guild_id")
                    .hasMessageContaining("not-a-guild");
            assertThatThrownBy(() -> commands.presence(SHARDS, Presence.online()))
                    .hasMessageContaining("outside 0..3");
            assertThatThrownBy(() -> commands.presenceAll(Presence.online(Presence.Activity.playing("x".repeat(5000)))))
                    .hasMessageContaining("4096");
            for (int shard = 0; shard < SHARDS; shard++) {
                assertThat(redis.commands().exists(keys.commands(shard))).isZero();
            }
        }
    }

    @Test
    void withoutARecordedShardCountTheErrorNamesTheKey(TestRedis redis) {
        Keys keys = TestEvents.keys(redis);
        client = RedisClient.create(redis.uri().toString());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            assertThatThrownBy(() -> new GatewayCommands(connection, keys).presenceAll(Presence.online()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(keys.config())
                    .hasMessageContaining("shard_count");
        }
    }

    /** The routing rule computed independently of the SDK: (guild_id >> 22) % shards, unsigned. */
    private static int owner(String guildId) {
        return new BigInteger(guildId)
                .shiftRight(22)
                .mod(BigInteger.valueOf(SHARDS))
                .intValue();
    }

    private static Map<String, String> only(TestRedis redis, Keys keys, int shard) {
        List<StreamMessage<String, String>> entries =
                redis.commands().xrange(keys.commands(shard), Range.create("-", "+"));
        assertThat(entries).as("entries in %s", keys.commands(shard)).hasSize(1);
        return entries.get(0).getBody();
    }
}
