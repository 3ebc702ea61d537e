package io.flotilla.worker;

import io.flotilla.testkit.TestRedis;
import java.util.LinkedHashMap;
import java.util.Map;

/** Appends event entries in the documented format (docs/redis-protocol.md), as a node's commit script writes them. */
final class TestEvents {
    private TestEvents() {}

    /** Keys under the test's own prefix, cluster group {@code test}. */
    static Keys keys(TestRedis redis) {
        return new Keys(redis.key("g"), redis.key("discord"), "test");
    }

    /** XADDs one dispatch to {@code discord:event:<t>}; returns the entry id. */
    static String append(TestRedis redis, Keys keys, String type, int shard, String session, long seq, String d) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(EventFields.SHARD, Integer.toString(shard));
        fields.put(EventFields.SEQ, Long.toString(seq));
        fields.put(EventFields.SESSION, session);
        fields.put(EventFields.TYPE, type);
        fields.put(EventFields.DATA, d);
        fields.put(EventFields.RECEIVED_AT, "1767225600000");
        return redis.commands().xadd(keys.events(type), fields);
    }

    /** A MESSAGE_CREATE's d in a guild. */
    static String message(String guildId, String content) {
        return "{\"id\":\"1\",\"channel_id\":\"2\",\"guild_id\":\"" + guildId + "\",\"content\":\"" + content
                + "\",\"author\":{\"id\":\"3\",\"username\":\"someone\"}}";
    }

    /** Records the cluster's shard count as a leader of epoch 5 does. */
    static void shardCount(TestRedis redis, Keys keys, int count) {
        redis.commands().hset(keys.config(), ClusterConfig.SHARD_COUNT, count + ":5");
    }
}
