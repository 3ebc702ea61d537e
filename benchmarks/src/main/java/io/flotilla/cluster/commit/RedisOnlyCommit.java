package io.flotilla.cluster.commit;

import io.flotilla.worker.Keys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The Redis-only reference of issue 16: what a Redis takes from the node's own commit path without a gateway or
 * a cache. Each of {@code lanes} threads owns a connection and the shards {@code s % lanes == lane}, and commits
 * rounds of 32 batches of 256 events, pipelined (one flush, then the replies), each batch one {@link CommitScript}
 * call built with {@link CommitArguments} as a lane builds it, the events cycled from a corpus of the same event
 * bytes the fake sends. Every reply must be a resolved verdict, or the run fails.
 *
 * <p>Threading: its lane threads; {@link #committed} may be read from any thread; {@link #close} stops them.
 */
public final class RedisOnlyCommit implements AutoCloseable {
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    private static final int BATCH = 256;
    private static final int ROUND = 32;

    private final Keys keys = Keys.defaults("bench");
    private final RedisClient client;
    private final List<Corpus> corpus;
    private final LongAdder committed = new LongAdder();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    /** One shard's events to cycle: event names and {@code d} bytes, index for index. */
    public record Corpus(List<String> types, List<byte[]> data) {}

    private RedisOnlyCommit(RedisClient client, List<Corpus> corpus) {
        this.client = client;
        this.corpus = corpus;
    }

    /** Starts the lanes committing {@code corpus.get(shard)} for each shard. */
    public static RedisOnlyCommit start(URI redis, List<Corpus> corpus, int lanes) {
        RedisOnlyCommit commit = new RedisOnlyCommit(RedisClient.create(RedisURI.create(redis.toString())), corpus);
        for (int lane = 0; lane < lanes; lane++) {
            StatefulRedisConnection<String, byte[]> connection = commit.client.connect(CODEC);
            connection.sync().scriptLoad(CommitScript.SCRIPT.source());
            connection.setAutoFlushCommands(false);
            int first = lane;
            Thread thread = Thread.ofPlatform()
                    .name("redis-only-lane-" + lane)
                    .start(() -> commit.lane(connection, first, lanes));
            commit.threads.add(thread);
        }
        return commit;
    }

    /** Events committed so far (resolved verdicts only). */
    public long committed() {
        return committed.sum();
    }

    private void lane(StatefulRedisConnection<String, byte[]> connection, int firstShard, int lanes) {
        int shards = corpus.size();
        long[] seq = new long[shards];
        int[] cursor = new int[shards];
        int next = firstShard;
        try {
            while (running.get()) {
                List<RedisFuture<List<Object>>> replies = new ArrayList<>(ROUND);
                for (int b = 0; b < ROUND; b++) {
                    replies.add(batch(connection, next, seq, cursor, shards));
                    next += lanes;
                    if (next >= shards) {
                        next = firstShard;
                    }
                }
                connection.flushCommands();
                for (RedisFuture<List<Object>> reply : replies) {
                    CommitVerdict verdict = CommitVerdict.parse(reply.get(30, TimeUnit.SECONDS));
                    if (!verdict.outcome().resolved()) {
                        throw new IllegalStateException("the commit script refused a batch: " + verdict);
                    }
                    committed.add(BATCH);
                }
            }
        } catch (Exception e) {
            if (running.get()) {
                System.err.println("redis-only lane failed: " + e);
            }
        } finally {
            connection.close();
        }
    }

    private RedisFuture<List<Object>> batch(
            StatefulRedisConnection<String, byte[]> connection, int shard, long[] seq, int[] cursor, int shards) {
        Corpus events = corpus.get(shard);
        CommitArguments args = new CommitArguments(keys.session(shard), "", keys.guilds(shard), BATCH);
        long first = seq[shard] + 1;
        long now = System.currentTimeMillis();
        byte[] at = CommitArguments.ascii(now);
        for (int i = 0; i < BATCH; i++) {
            int c = cursor[shard];
            cursor[shard] = (c + 1) % events.types().size();
            String type = events.types().get(c);
            args.event(
                    keys.events(type),
                    ++seq[shard],
                    type.getBytes(StandardCharsets.UTF_8),
                    events.data().get(c),
                    now);
        }
        byte[] empty = new byte[0];
        args.header(1, empty);
        args.header(2, ("redis-only-" + shard).getBytes(StandardCharsets.UTF_8));
        args.header(3, CommitArguments.ascii(0));
        args.header(4, CommitArguments.ascii(1));
        args.flag(5, first == 1);
        args.header(6, CommitArguments.ascii(first));
        args.header(7, CommitArguments.ascii(seq[shard]));
        args.header(8, CommitArguments.ascii(shard));
        args.header(9, CommitArguments.ascii(shards));
        args.header(10, "bench".getBytes(StandardCharsets.UTF_8));
        args.header(11, at);
        args.header(12, empty);
        args.header(13, CommitArguments.ascii(0));
        args.header(15, empty);
        args.header(16, empty);
        return args.evalsha(connection, CommitScript.SCRIPT.sha());
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
        client.shutdown();
    }
}
