package io.flotilla.cluster.commit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.cluster.cache.CacheRules;
import io.flotilla.cluster.cache.EntityCache;
import io.flotilla.cluster.cache.RedisEntityCache;
import io.flotilla.worker.Keys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** A committer on a test's Redis with its own keys, and a plain connection to look at what it wrote. */
final class CommitterFixture implements AutoCloseable {
    static final String SESSION = "session-a";

    final Keys keys;
    final BatchCommitter committer;
    final RedisClient client;
    final StatefulRedisConnection<String, String> connection;
    final RedisCommands<String, String> redis;
    final AtomicBoolean paused = new AtomicBoolean();

    CommitterFixture(URI uri, String prefix, CommitterConfig config, boolean redisCache) {
        this(uri, uri, prefix, config, redisCache);
    }

    /** A committer on {@code committerUri} (e.g. through a fault proxy), looked at directly on {@code uri}. */
    CommitterFixture(URI committerUri, URI uri, String prefix, CommitterConfig config, boolean redisCache) {
        this.keys = new Keys(prefix + "g", prefix + "discord", "test");
        EntityCache cache = redisCache
                ? new RedisEntityCache(keys, new CacheRules(new ObjectMapper(), true), Duration.ofSeconds(5))
                : new io.flotilla.cluster.cache.NoEntityCache();
        this.committer = new BatchCommitter(
                io.lettuce.core.RedisURI.create(committerUri.toString()), keys, config, cache, InstantSource.system());
        this.client = RedisClient.create(uri.toString());
        this.connection = client.connect();
        this.redis = connection.sync();
    }

    /**
     * A batcher for a shard whose session {@link #SESSION} Redis holds at seq 0 (as if resumed), unless the test
     * stored a session itself: batches of {@link #message(long)} then continue it.
     */
    ShardBatcher open(int shard, int total) {
        redis.hsetnx(keys.session(shard), "session_id", SESSION);
        redis.hsetnx(keys.session(shard), "seq", "0");
        return committer.open(shard, total, paused::set);
    }

    ShardBatcher open(int shard, int total, io.flotilla.cluster.lease.ShardFence fence, CommitFeedback feedback) {
        return committer.open(shard, total, paused::set, fence, feedback);
    }

    static Dispatch message(String session, long seq) {
        return dispatch(session, seq, "MESSAGE_CREATE", "{\"id\":\"" + seq + "\",\"content\":\"hi\"}");
    }

    static Dispatch ready(String session) {
        return new Dispatch(
                1,
                session,
                "READY",
                ("{\"session_id\":\"" + session + "\",\"resume_gateway_url\":\"ws://r\",\"guilds\":[]}")
                        .getBytes(StandardCharsets.UTF_8),
                1_700_000_000_000L);
    }

    /** The (session:seq) of one shard's entries in a stream, in stream order. */
    List<String> events(String eventName, int shard) {
        List<String> found = new ArrayList<>();
        for (StreamMessage<String, String> entry : stream(eventName)) {
            if (Integer.toString(shard).equals(entry.getBody().get("shard"))) {
                found.add(entry.getBody().get("session") + ":" + entry.getBody().get("seq"));
            }
        }
        return found;
    }

    static Dispatch message(long seq) {
        return dispatch(seq, "MESSAGE_CREATE", "{\"id\":\"" + seq + "\",\"content\":\"hi\"}");
    }

    static Dispatch dispatch(long seq, String type, String json) {
        return dispatch(SESSION, seq, type, json);
    }

    static Dispatch dispatch(String session, long seq, String type, String json) {
        return new Dispatch(seq, session, type, json.getBytes(StandardCharsets.UTF_8), 1_700_000_000_000L + seq);
    }

    /** Every entry of the event stream, in stream order. */
    List<StreamMessage<String, String>> stream(String eventName) {
        return redis.xrange(keys.events(eventName), io.lettuce.core.Range.create("-", "+"));
    }

    /** The seqs of one shard's entries in a stream, in stream order. */
    List<Long> seqs(String eventName, int shard) {
        List<Long> seqs = new ArrayList<>();
        for (StreamMessage<String, String> entry : stream(eventName)) {
            if (Integer.toString(shard).equals(entry.getBody().get("shard"))) {
                seqs.add(Long.parseLong(
                        java.util.Objects.requireNonNull(entry.getBody().get("seq"))));
            }
        }
        return seqs;
    }

    /** How many EVALSHA calls Redis executed so far (INFO commandstats). */
    long scriptCalls() {
        String stats = redis.info("commandstats");
        int at = stats.indexOf("cmdstat_evalsha:calls=");
        if (at < 0) {
            return 0;
        }
        int from = at + "cmdstat_evalsha:calls=".length();
        int to = stats.indexOf(',', from);
        return Long.parseLong(stats.substring(from, to));
    }

    long storedSeq(int shard) {
        String seq = redis.hget(keys.session(shard), "seq");
        return seq == null ? -1 : Long.parseLong(seq);
    }

    @Override
    public void close() {
        committer.close(Duration.ofSeconds(2));
        connection.close();
        client.shutdown();
    }
}
