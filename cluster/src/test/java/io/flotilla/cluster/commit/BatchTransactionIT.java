package io.flotilla.cluster.commit;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.cluster.cache.NoEntityCache;
import io.flotilla.testkit.RedisExtension;
import io.flotilla.testkit.TestRedis;
import io.flotilla.worker.Keys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * After a connection broke with EXECs unanswered, the lane asks Redis which batches did commit: those whose last
 * seq the session hash already holds, for the same session. They are acknowledged, not written twice.
 */
@ExtendWith(RedisExtension.class)
class BatchTransactionIT {
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    @Test
    void batchesAtOrBelowTheStoredSeqOfTheSameSessionCountAsCommitted(TestRedis redis) {
        Keys keys = new Keys(redis.key("g"), redis.key("discord"), "test");
        CommitterConfig config = CommitterConfig.defaults("node-a");
        NoEntityCache cache = new NoEntityCache();
        BatchTransaction transaction = new BatchTransaction(keys, config, cache, InstantSource.system());
        RedisClient client = RedisClient.create(redis.uri().toString());
        try (StatefulRedisConnection<String, byte[]> connection = client.connect(CODEC)) {
            CommitLane lane = new CommitLane(0, client, CODEC, config, cache, transaction);
            ShardBatcher zero = new ShardBatcher(0, 2, config, lane, paused -> {});
            ShardBatcher one = new ShardBatcher(1, 2, config, lane, paused -> {});
            redis.commands().hset(keys.session(0), Map.of("session_id", "s", "seq", "20"));

            Batch first = batch(zero, "s", 1, 10);
            Batch second = batch(zero, "s", 11, 20);
            Batch third = batch(zero, "s", 21, 30);
            Batch otherSession = batch(zero, "t", 1, 5);
            Batch otherShard = batch(one, "s", 1, 10);
            List<Batch> round = List.of(first, second, third, otherSession, otherShard);

            transaction.acknowledgeCommitted(round, connection);

            assertThat(round).extracting(Batch::isDone).containsExactly(true, true, false, false, false);
            assertThat(zero.committedSeq()).isEqualTo(20);
            assertThat(one.committedSeq()).isEqualTo(-1);
        } finally {
            client.shutdown();
        }
    }

    private static Batch batch(ShardBatcher shard, String session, long from, long to) {
        List<Dispatch> dispatches = new ArrayList<>();
        LongStream.rangeClosed(from, to)
                .forEach(seq -> dispatches.add(
                        new Dispatch(seq, session, "MESSAGE_CREATE", "{}".getBytes(StandardCharsets.UTF_8), 0)));
        return new Batch(shard, dispatches, to);
    }
}
