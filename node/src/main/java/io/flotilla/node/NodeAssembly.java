package io.flotilla.node;

import io.flotilla.cluster.adapter.CommittingDispatchSink;
import io.flotilla.cluster.adapter.LargeGuildWatcher;
import io.flotilla.cluster.adapter.RedisIdentifyGate;
import io.flotilla.cluster.adapter.RedisSessionStore;
import io.flotilla.cluster.adapter.ShardCommandTarget;
import io.flotilla.cluster.command.CommandReader;
import io.flotilla.cluster.command.MemberChunker;
import io.flotilla.cluster.command.RateLimited;
import io.flotilla.cluster.commit.CommitterConfig;
import io.flotilla.cluster.identify.IdentifySettings;
import io.flotilla.cluster.identify.IdentifyTurns;
import io.flotilla.cluster.identify.RedisIdentifyBudget;
import io.flotilla.cluster.membership.NodeRecord;
import io.flotilla.cluster.membership.Snowflake;
import io.flotilla.cluster.status.ClusterControl;
import io.flotilla.cluster.status.ClusterSnapshotReader;
import io.flotilla.cluster.status.LastEvents;
import io.flotilla.cluster.status.ShardStatusPublisher;
import io.flotilla.gateway.Dispatch;
import io.flotilla.gateway.Shard;
import io.flotilla.gateway.ShardConfig;
import io.flotilla.gateway.ShardEventLoops;
import io.flotilla.gateway.ShardFailure;
import io.flotilla.gateway.ShardGroup;
import io.flotilla.gateway.ShardObserver;
import io.flotilla.gateway.ShardPorts;
import io.flotilla.node.http.GuildArrivals;
import io.flotilla.node.http.NodeHttp;
import io.flotilla.node.http.SnapshotCache;
import io.flotilla.node.metrics.NodeMetrics;
import io.flotilla.protocol.ShardId;
import io.flotilla.worker.Keys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node, wired: Redis (waited for at start), {@code /gateway/bot} (shard count, gateway url, identify budget),
 * the batch committer with the entity cache of {@code CACHE_MODE}, the committing sink fenced per shard by the
 * leases this node holds, the Redis session store, the cluster-wide identify gate, worker commands (and member
 * chunking when asked), the gateway {@link ShardGroup}, membership, the coordination driving a {@link
 * NodeShardHost}, and the shard status it publishes for operators. {@link #start} returns a running node; {@link #stopGracefully} moves its shards away by
 * hand-off; {@link #close} frees everything, never closing a shard with 1000.
 *
 * <p>Threading: shards on the shared event loops, identify turns and member chunking on one scheduler, the
 * coordinator (membership, leases, its loop) on
 * another; the public methods may be called from any thread (close once).
 */
public final class NodeAssembly implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeAssembly.class);
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /** Short, so the dashboard says "Redis cannot be reached" within a poll or two. */
    private static final Duration DASHBOARD_TIMEOUT = Duration.ofSeconds(2);

    private final NodeConfig config;
    private final String nodeId;
    private final int shardCount;
    private final Keys keys;
    private final Deque<AutoCloseable> closing = new ArrayDeque<>();
    private final CompletableFuture<ShardFailure> fatal = new CompletableFuture<>();
    private final NodeHttp http; // health, readiness, metrics, admin API: from before the start to the end
    // assigned once during start, in this order; read by the lambdas wired before them
    private @org.jspecify.annotations.Nullable NodeShardHost host;
    private @org.jspecify.annotations.Nullable ShardGroup group;
    private @org.jspecify.annotations.Nullable ClusterCoordination coordination;

    private NodeAssembly(NodeConfig config, String nodeId, int shardCount, NodeHttp http) {
        this.config = config;
        this.nodeId = nodeId;
        this.shardCount = shardCount;
        this.http = http;
        closing.push(() -> {
            http.close();
            http.metrics().close();
        });
        NodeTuning tuning = config.tuning();
        this.keys = new Keys(tuning.keyPrefix(), tuning.queuePrefix(), config.groupName());
    }

    /**
     * Starts a node: waits for Redis and Discord's REST API (a line every few seconds, never a crash), then starts
     * membership and coordination; shards start as the coordinator assigns them.
     *
     * @throws FatalNodeException when the bot token is rejected
     * @throws InterruptedException when the start was interrupted (a stop during start); nothing is left running
     */
    public static NodeAssembly start(NodeConfig config, InstantSource clock) throws InterruptedException {
        String nodeId = new Snowflake(clock, new SplittableRandom()).nextNodeId();
        NodeHttp http = NodeHttp.start(
                config.httpHost(), config.httpPort(), config.adminToken(), new NodeMetrics(config.nodeName(), clock));
        GatewayBot bot;
        try {
            GatewayBotClient discord = new GatewayBotClient(config.discordApiUrl(), config.token(), REDIS_TIMEOUT);
            bot = StartupWait.until(LOG, "Discord's /gateway/bot at " + config.discordApiUrl(), discord::fetch);
        } catch (InterruptedException | RuntimeException e) {
            http.close();
            http.metrics().close();
            throw e;
        }
        NodeAssembly node = new NodeAssembly(config, nodeId, config.shardCount().orElse(bot.shards()), http);
        try {
            node.wire(bot, clock);
            return node;
        } catch (InterruptedException | RuntimeException e) {
            node.close();
            throw e;
        }
    }

    private void wire(GatewayBot bot, InstantSource clock) throws InterruptedException {
        NodeTuning tuning = config.tuning();
        RedisURI uri = config.redis().toRedisUri();
        RedisClient client = RedisClient.create(uri);
        closing.push(client::shutdown);
        StatefulRedisConnection<String, String> redis =
                StartupWait.until(LOG, "Redis at " + config.redis(), client::connect);
        closing.push(redis::close);
        redis.setTimeout(REDIS_TIMEOUT);

        // Closed in reverse order of these pushes: the coordinator first (no round runs while the rest closes),
        // this loop (identify turns, member chunking) late.
        ScheduledExecutorService leaseLoop = scheduler("flotilla-leases");
        closing.push(() -> shutdown(leaseLoop));
        EventLoopGroup loops =
                ShardEventLoops.create(Math.max(2, Runtime.getRuntime().availableProcessors()));
        closing.push(() -> loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS));

        ShardCommandTarget target = new ShardCommandTarget(id -> host == null ? null : host.shard(id));
        LastEvents lastEvents = new LastEvents(clock, shardCount);
        NodeMetrics metrics = http.metrics();
        GuildArrivals guilds = new GuildArrivals(clock);
        BiConsumer<ShardId, Dispatch> observer =
                metrics.received().andThen(guilds).andThen((shard, dispatch) -> lastEvents.received(shard.id()));
        if (config.chunkMembers()) {
            MemberChunker chunker = MemberChunker.withDefaults(target, clock);
            observer = observer.andThen(chunking(chunker));
            leaseLoop.scheduleWithFixedDelay(chunker::tick, 1, 1, TimeUnit.SECONDS);
        }
        HeldFences fences = new HeldFences(keys);
        DataPath events = new DataPath(
                uri,
                keys,
                config.cacheMode(),
                CommitterConfig.defaults(nodeId)
                        .withLanes(CommitterConfig.lanesFor(Runtime.getRuntime().availableProcessors()))
                        .withFilter(config.events())
                        .withMaxStreamLength(config.streamMaxLength()),
                redis,
                clock,
                observer,
                fences::fence,
                (id, why) -> {
                    NodeShardHost current = host;
                    if (current != null) {
                        current.fence(id.id(), "Redis refused its batch: " + why);
                    }
                },
                metrics.events(),
                CLOSE_TIMEOUT);
        closing.push(events::close);
        CommittingDispatchSink sink = events.sink();
        RedisSessionStore sessions = events.sessions();
        metrics.bindCommits(events.committer(), sink);
        IdentifySettings identify = new IdentifySettings(
                bot.maxConcurrency(),
                tuning.identifyWindow(),
                tuning.identifyWindow().dividedBy(20),
                config.identifyReserve(),
                config.spendReserve(),
                Duration.ofSeconds(2));
        new RedisIdentifyBudget(redis, keys).record(bot.budget(clock.instant())).whenComplete((left, error) -> {
            if (error != null) {
                LOG.warn("could not record the session-start budget from /gateway/bot: {}", error.toString());
            }
        });
        IdentifyTurns turns = new IdentifyTurns(redis, keys, identify, clock, leaseLoop, nodeId);
        RedisIdentifyGate gate = new RedisIdentifyGate(turns);
        ShardObserver watch =
                ShardObservers.of(new ShardStateLog(config.nodeName()), metrics.gateway(this::shards), guilds);
        ShardGroup shards =
                new ShardGroup(new ShardPorts(gate, sessions, sink), loops, clock, Long.parseLong(nodeId), watch);
        this.group = shards;
        // Its connections are new ones: Redis may refuse them even though the first connection above worked.
        CommandReader commands = StartupWait.until(
                LOG,
                "Redis, to read worker commands",
                () -> new CommandReader(
                        client,
                        keys,
                        shardCount,
                        target,
                        id -> fences.fence(new ShardId(id, shardCount)),
                        Duration.ofSeconds(1),
                        clock,
                        CommandReader.DEFAULT_MAX_AGE));
        closing.push(commands::close);
        NodeShardHost shardHost = new NodeShardHost(shards, sink, fences, commands, id -> shardConfig(bot, id), turns);
        this.host = shardHost;

        // Redis may drop or refuse a call while the node starts: each step waits and retries, never a crash loop.
        StartupWait.until(LOG, "Redis, to check the cold start plan", () -> {
            ColdStartCheck.require(redis, keys, shardCount, bot, config, tuning.identifyWindow(), clock);
            return true;
        });
        StartupWait.until(LOG, "Redis, to record the cache mode", () -> {
            CacheModeRecord.write(redis, keys, config.cacheMode());
            return true;
        });
        NodeRecord self = new NodeRecord(
                nodeId,
                config.nodeName(),
                http.publishedAddress(),
                1,
                false,
                new TreeSet<>(),
                clock.instant(),
                clock.instant());
        ClusterCoordination cluster = new ClusterCoordination(
                client, keys, self, shardCount, config.expectedNodes(), tuning, metrics.metered(shardHost), clock);
        this.coordination = cluster;
        metrics.bindCluster(redis, keys, cluster::view, config.identifyReserve());
        // The dashboard's reads and the admin API's requests: a thread of their own, off the HTTP loop.
        ScheduledExecutorService httpRedis = scheduler("flotilla-http-redis");
        closing.push(() -> shutdown(httpRedis));
        ClusterSnapshotReader reader =
                new ClusterSnapshotReader(redis, keys, clock, config.identifyReserve(), DASHBOARD_TIMEOUT);
        SnapshotCache snapshots = new SnapshotCache(reader::read, httpRedis, clock);
        ClusterControl control = new ClusterControl(redis, keys, clock, REDIS_TIMEOUT);
        http.attach(new AssemblyProbe(
                config.nodeName(), nodeId, cluster, shardHost, guilds, snapshots, control, httpRedis));
        closing.push(cluster::close);
        closing.push(() -> stopShards(shardHost));
        cluster.start();
        ScheduledExecutorService statusLoop = scheduler("flotilla-status"); // a Redis outage must not delay the rest
        closing.push(() -> shutdown(statusLoop));
        ShardStatusPublisher status =
                ShardStatusPublisher.ofShards(redis, keys, nodeId, clock, this::shards, lastEvents, REDIS_TIMEOUT);
        closing.push(status::close);
        status.start(statusLoop, ShardStatusPublisher.DEFAULT_PERIOD);
        leaseLoop.scheduleWithFixedDelay(this::watchFailure, 1, 1, TimeUnit.SECONDS);
        LOG.info(
                "node {} ({}) joined group {}: {} shards, max_concurrency {}, cache {}, HTTP on {}",
                config.nodeName(),
                nodeId,
                config.groupName(),
                shardCount,
                bot.maxConcurrency(),
                config.cacheMode(),
                http.publishedAddress());
    }

    public String nodeId() {
        return nodeId;
    }

    public int shardCount() {
        return shardCount;
    }

    public Keys keys() {
        return keys;
    }

    /** The node's HTTP server (its bound address, its metrics). */
    public NodeHttp http() {
        return http;
    }

    /** The shards running on this node now, by id. */
    public Map<Integer, Shard> shards() {
        NodeShardHost current = host;
        return current == null ? Map.of() : current.shards();
    }

    /** Completes when a shard failed in a way that concerns the whole application (4004...): the node must stop. */
    public CompletableFuture<ShardFailure> fatal() {
        return fatal;
    }

    /**
     * A graceful stop: marks the node draining so its shards move to other nodes by hand-off (they RESUME there),
     * and waits for that up to {@code grace}. True when everything was handed off in time. Call {@link #close}
     * after.
     */
    public boolean stopGracefully(Duration grace) throws InterruptedException {
        ClusterCoordination current = coordination;
        if (current == null) {
            return true;
        }
        current.drain();
        try {
            return current.awaitDrained(grace).toCompletableFuture().get();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warn("draining failed: {}", String.valueOf(e.getCause()));
            return false;
        }
    }

    /** Stops the coordination, hands off what still runs (resumable close), leaves the group, frees everything. */
    @Override
    public void close() {
        while (!closing.isEmpty()) {
            AutoCloseable next = closing.pop();
            try {
                next.close();
            } catch (Exception e) {
                LOG.warn("closing a part of the node failed: {}", e.toString());
            }
        }
    }

    private ShardConfig shardConfig(GatewayBot bot, int id) {
        return ShardConfig.of(config.token(), new ShardId(id, shardCount), config.intents(), bot.url())
                .withTimings(config.tuning().shardTimings());
    }

    /** Member chunking: large guilds' GUILD_CREATE asks for members; RATE_LIMITED (op 8 refused) postpones them. */
    private static BiConsumer<ShardId, Dispatch> chunking(MemberChunker chunker) {
        LargeGuildWatcher large = new LargeGuildWatcher(chunker);
        return (shard, dispatch) -> {
            large.accept(shard, dispatch);
            if (dispatch.type().equals("RATE_LIMITED")) {
                try {
                    chunker.rateLimited(
                            shard.id(),
                            RateLimited.parse(dispatch.frame(), dispatch.dataOffset(), dispatch.dataLength()));
                } catch (RuntimeException e) {
                    LOG.warn("RATE_LIMITED on shard {} not understood: {}", shard, e.getMessage());
                }
            }
        };
    }

    private void watchFailure() {
        ShardGroup current = group;
        ShardFailure failure = current == null ? null : current.failure();
        if (failure != null) {
            fatal.complete(failure);
        }
    }

    /** Whatever still runs is handed off (resumable close, at most the hand-off timeout), never closed with 1000. */
    private static void stopShards(NodeShardHost host) {
        CompletableFuture<?>[] ends = host.running().stream()
                .map(shard -> host.handOff(shard).toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        CompletableFuture.allOf(ends)
                .completeOnTimeout(null, CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .join();
    }

    private static ScheduledExecutorService scheduler(String name) {
        return Executors.newSingleThreadScheduledExecutor(
                runnable -> Thread.ofPlatform().name(name).daemon(true).unstarted(runnable));
    }

    private static void shutdown(ScheduledExecutorService... schedulers) {
        for (ScheduledExecutorService scheduler : schedulers) {
            scheduler.shutdownNow();
        }
    }
}
