package io.flotilla.cluster.commit;

import static io.flotilla.cluster.commit.CommitterFixture.dispatch;
import static io.flotilla.cluster.commit.CommitterFixture.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.testkit.RedisExtension;
import io.flotilla.testkit.TestRedis;
import io.lettuce.core.StreamMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisExtension.class)
class BatchCommitterIT {

    @Test
    void eventsReachTheirStreamsWithAllFieldsAndTheSessionSeqFollows(TestRedis redis) throws Exception {
        try (CommitterFixture fixture =
                new CommitterFixture(redis.uri(), redis.prefix(), CommitterConfig.defaults("node-a"), false)) {
            ShardBatcher shard = fixture.open(3, 8);
            shard.add(message(1));
            shard.add(dispatch(2, "TYPING_START", "{\"user_id\":\"9\"}"));
            shard.add(message(3));
            assertThat(shard.flush().get(5, TimeUnit.SECONDS)).isEqualTo(3L);

            List<StreamMessage<String, String>> messages = fixture.stream("MESSAGE_CREATE");
            assertThat(messages).hasSize(2);
            assertThat(messages.get(0).getBody())
                    .containsEntry("shard", "3")
                    .containsEntry("seq", "1")
                    .containsEntry("session", CommitterFixture.SESSION)
                    .containsEntry("t", "MESSAGE_CREATE")
                    .containsEntry("d", "{\"id\":\"1\",\"content\":\"hi\"}")
                    .containsEntry("at", "1700000000001");
            assertThat(fixture.stream("TYPING_START")).hasSize(1);
            Map<String, String> session = fixture.redis.hgetall(fixture.keys.session(3));
            assertThat(session)
                    .containsEntry("seq", "3")
                    .containsEntry("session_id", CommitterFixture.SESSION)
                    .containsEntry("shard_total", "8")
                    .containsEntry("owner", "node-a")
                    .containsKey("updated_at");
            assertThat(shard.committedSeq()).isEqualTo(3);
        }
    }

    @Test
    void batchesOfEachShardCommitInOrderAcrossSharedLanes(TestRedis redis) throws Exception {
        CommitterConfig config = CommitterConfig.defaults("node-a").withLanes(2);
        try (CommitterFixture fixture = new CommitterFixture(redis.uri(), redis.prefix(), config, false)) {
            int shards = 10;
            List<ShardBatcher> batchers = new ArrayList<>();
            for (int s = 0; s < shards; s++) {
                batchers.add(fixture.open(s, shards));
            }
            List<CompletableFuture<Long>> last = new ArrayList<>();
            for (long seq = 1; seq <= 120; seq++) {
                for (ShardBatcher batcher : batchers) {
                    batcher.add(message(seq));
                    if (seq % 7 == 0) {
                        var unused = batcher.flush();
                    }
                }
            }
            batchers.forEach(batcher -> last.add(batcher.flush()));
            CompletableFuture.allOf(last.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

            for (int s = 0; s < shards; s++) {
                assertThat(fixture.seqs("MESSAGE_CREATE", s))
                        .as("shard %s", s)
                        .containsExactlyElementsOf(
                                LongStream.rangeClosed(1, 120).boxed().toList());
                assertThat(fixture.storedSeq(s)).isEqualTo(120);
            }
        }
    }

    @Test
    void filteredEventsAreNotQueuedButStillAdvanceTheSeq(TestRedis redis) throws Exception {
        CommitterConfig config =
                CommitterConfig.defaults("node-a").withFilter(EventFilter.only(Set.of("message_create")));
        try (CommitterFixture fixture = new CommitterFixture(redis.uri(), redis.prefix(), config, false)) {
            ShardBatcher shard = fixture.open(0, 1);
            shard.add(message(1));
            shard.add(dispatch(2, "TYPING_START", "{}"));
            shard.flush().get(5, TimeUnit.SECONDS);

            assertThat(fixture.stream("MESSAGE_CREATE")).hasSize(1);
            assertThat(fixture.redis.exists(fixture.keys.events("TYPING_START")))
                    .isZero();
            assertThat(fixture.storedSeq(0)).isEqualTo(2);
        }
    }

    @Test
    void trimmingKeepsStreamsNearTheirLimitWhenAskedFor(TestRedis redis) throws Exception {
        CommitterConfig config = CommitterConfig.defaults("node-a").withMaxStreamLength(100);
        try (CommitterFixture fixture = new CommitterFixture(redis.uri(), redis.prefix(), config, false)) {
            ShardBatcher shard = fixture.open(0, 1);
            for (long seq = 1; seq <= 2000; seq++) {
                shard.add(message(seq));
            }
            shard.flush().get(10, TimeUnit.SECONDS);

            // MAXLEN ~ trims whole radix-tree nodes (100 entries each by default), so "about" 100.
            assertThat(fixture.redis.xlen(fixture.keys.events("MESSAGE_CREATE")))
                    .isBetween(100L, 300L);
        }
    }

    @Test
    void withoutTrimmingNothingIsDropped(TestRedis redis) throws Exception {
        try (CommitterFixture fixture =
                new CommitterFixture(redis.uri(), redis.prefix(), CommitterConfig.defaults("node-a"), false)) {
            ShardBatcher shard = fixture.open(0, 1);
            for (long seq = 1; seq <= 2000; seq++) {
                shard.add(message(seq));
            }
            shard.flush().get(10, TimeUnit.SECONDS);
            assertThat(fixture.redis.xlen(fixture.keys.events("MESSAGE_CREATE")))
                    .isEqualTo(2000);
        }
    }

    @Test
    void tooManyWaitingDispatchesPauseTheShardUntilTheyCommit(TestRedis redis) throws Exception {
        CommitterConfig config = CommitterConfig.defaults("node-a").withPressure(50, 10);
        try (CommitterFixture fixture = new CommitterFixture(redis.uri(), redis.prefix(), config, false)) {
            ShardBatcher shard = fixture.open(0, 1);
            List<Boolean> signals = new java.util.concurrent.CopyOnWriteArrayList<>();
            ShardBatcher watched = fixture.committer.open(1, 2, signals::add);
            fixture.redis.clientPause(500); // Redis stops answering for a while: the commits wait
            for (long seq = 1; seq <= 60; seq++) {
                watched.add(message(seq));
            }
            assertThat(watched.paused()).isTrue();
            watched.flush().get(5, TimeUnit.SECONDS);
            assertThat(watched.paused()).isFalse();
            assertThat(signals).containsExactly(true, false);
            assertThat(shard.paused()).isFalse();
        }
    }
}
