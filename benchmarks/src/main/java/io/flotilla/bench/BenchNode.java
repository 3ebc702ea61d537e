package io.flotilla.bench;

import io.flotilla.cluster.adapter.CommittingDispatchSink;
import io.flotilla.cluster.cache.CacheMode;
import io.flotilla.cluster.commit.CommitterConfig;
import io.flotilla.cluster.commit.ShardBatcher;
import io.flotilla.gateway.Shard;
import io.flotilla.gateway.ShardConfig;
import io.flotilla.gateway.ShardEventLoops;
import io.flotilla.gateway.ShardPorts;
import io.flotilla.gateway.ShardState;
import io.flotilla.gateway.Token;
import io.flotilla.gateway.local.LocalIdentifyGate;
import io.flotilla.node.DataPath;
import io.flotilla.protocol.Intents;
import io.flotilla.protocol.ShardId;
import io.flotilla.protocol.compress.Compression;
import io.flotilla.worker.Keys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A node as production wires its data path: shards on one shared two-thread event loop group and the node's
 * {@link DataPath} (the committing sink, the batch committer with a Redis cache or none, the Redis session
 * store). Not thread-safe: the benchmark's main thread drives it; {@link #close} stops the shards and commits what
 * the lanes hold.
 */
final class BenchNode implements Contender {
    private final EventLoopGroup group = ShardEventLoops.create(2);
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> sessions;
    private final DataPath events;
    private final CommittingDispatchSink sink;
    private final List<Shard> shards = new ArrayList<>();

    BenchNode(URI redis, int lanes, boolean redisCache) {
        Keys keys = Keys.defaults("bench");
        RedisURI uri = RedisURI.create(redis.toString());
        this.client = RedisClient.create(uri);
        this.sessions = client.connect();
        // The node's own event path (DataPath), unfenced: this process owns its shards.
        this.events = DataPath.unfenced(
                uri,
                keys,
                redisCache ? CacheMode.REDIS : CacheMode.NONE,
                tuned(CommitterConfig.defaults("bench-node").withLanes(lanes)),
                sessions,
                InstantSource.system());
        this.sink = events.sink();
    }

    /**
     * The node's defaults, but {@code -Dflotilla.bench.pendingMiB=N} (through {@code --child-jvm}) sets the node-wide
     * bound on uncommitted dispatches, {@code -Dflotilla.bench.maxRound=N} the batches a lane sends per round and
     * {@code -Dflotilla.bench.roundsInFlight=N} the rounds it sends before reading one, to compare settings in one run.
     */
    private static CommitterConfig tuned(CommitterConfig config) {
        String mib = System.getProperty("flotilla.bench.pendingMiB");
        String round = System.getProperty("flotilla.bench.maxRound");
        String inFlight = System.getProperty("flotilla.bench.roundsInFlight");
        CommitterConfig bounded = mib == null ? config : config.withMaxPendingBytes(Long.parseLong(mib) << 20);
        CommitterConfig rounds = round == null ? bounded : bounded.withMaxRound(Integer.parseInt(round));
        return inFlight == null ? rounds : rounds.withRoundsInFlight(Integer.parseInt(inFlight));
    }

    /** Starts {@code count} shards against the gateway and waits (up to 30 s) until all are READY. */
    void startShards(int count, URI gateway, String token, Compression compression) throws InterruptedException {
        ShardPorts ports = new ShardPorts(
                new LocalIdentifyGate(count, Duration.ofMillis(1), Clock.systemUTC(), group), events.sessions(), sink);
        for (int id = 0; id < count; id++) {
            ShardConfig config = ShardConfig.of(
                            new Token(token), new ShardId(id, count), new Intents(Intents.KNOWN), gateway)
                    .withCompression(compression);
            Shard shard = new Shard(config, ports, group);
            shards.add(shard);
            shard.start();
        }
        Poll.until(
                "every shard READY",
                Duration.ofSeconds(30),
                Duration.ofMillis(50),
                () -> shards.stream().allMatch(shard -> shard.state() == ShardState.READY),
                shards::toString);
    }

    /** Dispatches committed so far by all shards (the sum of their committed seqs: one session each, no faults). */
    long committed() {
        long sum = 0;
        for (Shard shard : shards) {
            ShardBatcher batcher = sink.batcher(shard.id());
            sum += batcher == null ? 0 : Math.max(0, batcher.committedSeq());
        }
        return sum;
    }

    @Override
    public long count() {
        return committed();
    }

    /** How full the batches were (warm-up included): what Redis pays per event depends on it. */
    @Override
    public String note() {
        long batches = events.committer().counters().applied();
        return String.format(
                "%,d batches applied, %.1f events per batch",
                batches, batches == 0 ? 0.0 : committed() / (double) batches);
    }

    @Override
    public void close() throws InterruptedException {
        for (Shard shard : shards) {
            try {
                shard.stop().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                System.err.println(shard + " did not stop cleanly: " + e);
            }
        }
        events.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        sessions.close();
        client.shutdown();
    }
}
