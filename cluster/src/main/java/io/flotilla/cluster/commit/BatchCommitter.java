package io.flotilla.cluster.commit;

import io.flotilla.cluster.cache.EntityCache;
import io.flotilla.worker.Keys;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Commits the dispatches of all shards on this node to Redis (ARCHITECTURE.md "Data flow of one dispatch"):
 * each shard gets a {@link ShardBatcher}; its batches go to one of a few {@link CommitLane}s (shard {@code s}
 * to lane {@code s % lanes}), each a thread with its own connection, so a thousand shards need only a few
 * connections and one shard's batches commit in order.
 *
 * <p>Connections are made without Lettuce's auto-reconnect: Lettuce would replay the unanswered commands of a
 * half-sent {@code MULTI ... EXEC} outside their transaction. Lanes reconnect themselves and retry whole
 * batches instead.
 *
 * <p>Thread-safe. Owned by the node; {@link #close} stops the lanes after they committed what they hold.
 */
public final class BatchCommitter implements AutoCloseable {
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final CommitterConfig config;
    private final RedisClient client;
    private final List<CommitLane> lanes = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    public BatchCommitter(RedisURI redis, Keys keys, CommitterConfig config, EntityCache cache, InstantSource clock) {
        this.config = config;
        this.client = RedisClient.create(redis);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(
                        SocketOptions.builder().connectTimeout(config.timeout()).build())
                .timeoutOptions(TimeoutOptions.enabled(config.timeout()))
                .build());
        BatchTransaction transaction = new BatchTransaction(keys, config, cache, clock);
        for (int i = 0; i < config.lanes(); i++) {
            CommitLane lane = new CommitLane(i, client, CODEC, config, cache, transaction);
            lanes.add(lane);
            threads.add(Thread.ofPlatform()
                    .name("flotilla-commit-lane-" + i)
                    .daemon(true)
                    .start(lane));
        }
    }

    /**
     * The batcher of one shard; the shard's thread adds its dispatches to it.
     *
     * @param shardTotal the shard count of the session, stored with it
     * @param backpressure told when the shard must stop and may resume reading
     */
    public ShardBatcher open(int shard, int shardTotal, Backpressure backpressure) {
        if (shard < 0 || shard >= shardTotal) {
            throw new IllegalArgumentException("shard " + shard + " is outside 0.." + (shardTotal - 1));
        }
        CommitLane lane = lanes.get(shard % lanes.size());
        ShardBatcher batcher = new ShardBatcher(shard, shardTotal, config, lane, backpressure);
        lane.attach(batcher);
        return batcher;
    }

    /** Forgets a shard that stopped (after its last flush committed). */
    public void release(ShardBatcher batcher) {
        lanes.get(batcher.shard() % lanes.size()).detach(batcher);
    }

    /** Batches waiting in all lanes (for metrics). */
    public int queuedBatches() {
        return lanes.stream().mapToInt(CommitLane::queued).sum();
    }

    /** True when every lane reached Redis on its last attempt. */
    public boolean healthy() {
        return lanes.stream().allMatch(CommitLane::healthy);
    }

    /** Stops taking batches, waits up to {@code grace} for the lanes to commit what they hold, then stops them. */
    public void close(Duration grace) {
        lanes.forEach(CommitLane::stop);
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread thread : threads) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
                    thread.interrupt();
                    thread.join(Duration.ofSeconds(5));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                threads.forEach(Thread::interrupt);
                break;
            }
        }
        client.shutdown();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
