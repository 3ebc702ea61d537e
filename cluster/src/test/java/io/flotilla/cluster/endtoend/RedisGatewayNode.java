package io.flotilla.cluster.endtoend;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.cluster.adapter.CommittingDispatchSink;
import io.flotilla.cluster.adapter.RedisSessionStore;
import io.flotilla.cluster.adapter.ShardCommandTarget;
import io.flotilla.cluster.cache.CacheRules;
import io.flotilla.cluster.cache.RedisEntityCache;
import io.flotilla.cluster.command.CommandReader;
import io.flotilla.cluster.commit.BatchCommitter;
import io.flotilla.cluster.commit.CommitterConfig;
import io.flotilla.cluster.lease.ShardFence;
import io.flotilla.gateway.Shard;
import io.flotilla.gateway.ShardConfig;
import io.flotilla.gateway.ShardEventLoops;
import io.flotilla.gateway.ShardPorts;
import io.flotilla.gateway.ShardStateListener;
import io.flotilla.gateway.ShardTimings;
import io.flotilla.gateway.Token;
import io.flotilla.gateway.local.LocalIdentifyGate;
import io.flotilla.protocol.Intents;
import io.flotilla.protocol.ShardId;
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
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node as production wires it, minus membership: real gateway {@link Shard}s (zlib-stream) whose dispatches
 * go through the {@link CommittingDispatchSink} to the {@link BatchCommitter} (Redis cache on) and whose sessions
 * live in the {@link RedisSessionStore}. Used by the end-to-end tests, in the test JVM or in a child JVM
 * ({@link ShardProcess}).
 *
 * <p>Timings are the gateway tests' short ones (fast backoff, the fake's send window). Not thread-safe: one test
 * thread starts shards and closes the node.
 */
final class RedisGatewayNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisGatewayNode.class);

    private final Settings settings;
    private final EventLoopGroup group = ShardEventLoops.create(2);
    private final RedisClient sessionClient;
    private final StatefulRedisConnection<String, String> sessionConnection;
    private final BatchCommitter committer;
    private final CommittingDispatchSink sink;
    private final ShardPorts ports;
    private final List<Shard> shards = new ArrayList<>();

    /**
     * Where the node connects and how.
     *
     * @param redis the Redis the committer and session store use
     * @param keys the key layout (tests give each run its own prefixes)
     * @param gateway the fake's gateway url
     * @param token the bot token
     * @param shardTotal the shard count of every shard started here
     * @param sendWindow the fake's send window (the gateway paces commands to it)
     */
    record Settings(URI redis, Keys keys, URI gateway, String token, int shardTotal, Duration sendWindow) {}

    RedisGatewayNode(Settings settings) {
        this(settings, CommitterConfig.defaults("node-e2e").withLanes(2));
    }

    RedisGatewayNode(Settings settings, CommitterConfig committerConfig) {
        this.settings = settings;
        RedisURI uri = RedisURI.create(settings.redis().toString());
        this.sessionClient = RedisClient.create(uri);
        this.sessionConnection = sessionClient.connect();
        this.committer = new BatchCommitter(
                uri,
                settings.keys(),
                committerConfig,
                new RedisEntityCache(settings.keys(), new CacheRules(new ObjectMapper(), true), Duration.ofSeconds(5)),
                InstantSource.system());
        this.sink = new CommittingDispatchSink(committer, InstantSource.system(), (shard, dispatch) -> {});
        RedisSessionStore store = new RedisSessionStore(sessionConnection, settings.keys(), sink);
        // 150 ms over the fake's window, as in the gateway's tests: grants and the fake's check can be that far apart.
        LocalIdentifyGate gate = new LocalIdentifyGate(1, Duration.ofMillis(650), Clock.systemUTC(), group);
        this.ports = new ShardPorts(gate, store, sink);
    }

    BatchCommitter committer() {
        return committer;
    }

    /**
     * A worker-command reader for this node's shards as {@code running} gives them (null: not here), unfenced (this
     * process owns its shards), blocking 200 ms per read so a test sees commands at once.
     */
    CommandReader commandReader(RedisClient client, IntFunction<@Nullable Shard> running) {
        return new CommandReader(
                client,
                settings.keys(),
                settings.shardTotal(),
                new ShardCommandTarget(running),
                id -> ShardFence.NONE,
                Duration.ofMillis(200),
                InstantSource.system(),
                CommandReader.DEFAULT_MAX_AGE);
    }

    /** Starts shard {@code id}: it resumes the session stored in Redis when there is one, else identifies. */
    Shard start(int id) {
        return start(id, change -> {});
    }

    /** Like {@link #start(int)}, with a listener that sees every state change from the first. */
    Shard start(int id, ShardStateListener listener) {
        ShardTimings timings = ShardTimings.defaults()
                .withBackoff(
                        Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofMillis(100), Duration.ofMillis(300))
                .withSendWindow(settings.sendWindow())
                .withHandOffTimeout(Duration.ofSeconds(2));
        ShardConfig config = ShardConfig.of(
                        new Token(settings.token()),
                        new ShardId(id, settings.shardTotal()),
                        new Intents(Intents.KNOWN),
                        settings.gateway())
                .withTimings(timings);
        Shard shard = new Shard(config, ports, group);
        shards.add(shard);
        shard.addListener(listener);
        shard.start();
        return shard;
    }

    /** Stops every shard (close 1000), waits for the committer to commit what it holds, and frees everything. */
    @Override
    public void close() {
        for (Shard shard : shards) {
            try {
                shard.stop().get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.warn("interrupted while stopping {}", shard, e);
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("{} did not stop cleanly; closing the event loops ends it", shard, e);
            }
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        committer.close(Duration.ofSeconds(5));
        sessionConnection.close();
        sessionClient.shutdown();
    }
}
