package io.flotilla.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.cluster.membership.NodeRecord;
import io.flotilla.cluster.session.SessionFields;
import io.flotilla.fake.FakeDiscord;
import io.flotilla.fake.FakeDiscordConfig;
import io.flotilla.fake.IdentifyRecord;
import io.flotilla.fake.ProducedDispatch;
import io.flotilla.testkit.NetNamespace;
import io.flotilla.testkit.PartitionNetwork;
import io.flotilla.testkit.TestRedis;
import io.flotilla.worker.Keys;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The world of a multi-node test: the fake Discord in this JVM (short timings, sessions kept 60 s after a lost
 * connection), a real Redis, node processes ({@link NodeProcess}) sharing one group and key prefix, an event
 * emitter on the test's schedule, and read-backs of what Redis and the fake hold.
 *
 * <p>With a {@link PartitionNetwork} (namespace mode, {@link NodeNamespaces}) the fake listens on the network's hub
 * and the nodes reach Redis there; {@link #isolate} puts a node in a namespace of its own, which
 * {@link #namespace} can then cut off from {@link #redisPeer} or {@link #discordPeer}.
 *
 * <p>One test thread; {@link #close} kills every node and stops the fake.
 */
@SuppressWarnings("deprecation") // TestRedis hands out its commands
final class NodeCluster implements AutoCloseable {
    /** The fake's identify window; the nodes wait 150 ms more (grants and the fake's check can be that far apart). */
    static final Duration IDENTIFY_WINDOW = Duration.ofMillis(500);

    static final int MAX_CONCURRENCY = 4;

    final FakeDiscord fake;
    final TestRedis redis;
    final Keys keys;
    final int shardCount;
    private final Path logs;
    private final Map<String, NodeProcess> nodes = new LinkedHashMap<>();
    private final ScheduledExecutorService emitter = Executors.newSingleThreadScheduledExecutor();
    private final ObjectMapper json = new ObjectMapper();
    private volatile @Nullable ScheduledFuture<?> emitting;
    private @Nullable URI nodeRedis;
    private final @Nullable NodeNamespaces namespaces;
    private final Map<String, String> extraEnv = new HashMap<>();

    NodeCluster(TestRedis redis, int shardCount, String testName) {
        this(redis, shardCount, testName, 1000);
    }

    /** @param sessionStarts the session starts the fake's /gateway/bot says remain today */
    NodeCluster(TestRedis redis, int shardCount, String testName, int sessionStarts) {
        this(redis, shardCount, testName, sessionStarts, null);
    }

    /** Namespace mode: the fake on the network's hub, Redis reached there; see {@link #isolate}. */
    NodeCluster(TestRedis redis, int shardCount, String testName, PartitionNetwork network) {
        this(redis, shardCount, testName, 1000, network);
    }

    private NodeCluster(
            TestRedis redis, int shardCount, String testName, int sessionStarts, @Nullable PartitionNetwork network) {
        this.redis = redis;
        this.shardCount = shardCount;
        this.keys = new Keys(redis.key("g"), redis.key("discord"), "e2e");
        this.logs = Path.of("target", "node-logs", testName);
        this.fake = FakeDiscord.start(FakeDiscordConfig.builder()
                .shardCount(shardCount)
                .maxConcurrency(MAX_CONCURRENCY)
                .guildsPerShard(2)
                .heartbeatInterval(Duration.ofMillis(1000))
                .identifyWindow(IDENTIFY_WINDOW)
                .reconnectCloseDelay(Duration.ofMillis(500))
                .sessionRetention(Duration.ofSeconds(60))
                .sessionStartLimit(sessionStarts)
                .host(network == null ? InetAddress.getLoopbackAddress() : network.hub())
                .build());
        try {
            this.namespaces = network == null ? null : new NodeNamespaces(network, redis.uri());
        } catch (RuntimeException e) {
            fake.close();
            throw e;
        }
    }

    /**
     * The environment of every node: this fake, this Redis, short leases and membership, fast reconnects, and over
     * those whatever {@link #setEnv} set.
     */
    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("BOT_TOKEN", fake.config().token());
        env.put("REDIS_URL", nodeRedis().toString());
        env.put("GROUP_NAME", keys.group());
        env.put("DISCORD_API_URL", fake.apiUrl().toString());
        env.put("SHUTDOWN_GRACE", "20s");
        env.put("FLOTILLA_KEY_PREFIX", keys.prefix());
        env.put("FLOTILLA_QUEUE_PREFIX", keys.queuePrefix());
        env.put("FLOTILLA_LEASE_TTL_MS", "2000");
        env.put("FLOTILLA_MEMBERSHIP_TTL_MS", "2500");
        env.put("FLOTILLA_TICK_MS", "250");
        env.put("FLOTILLA_IDENTIFY_WINDOW_MS", String.valueOf(IDENTIFY_WINDOW.toMillis() + 150));
        env.put("FLOTILLA_RECONNECT_BACKOFF_MS", "50");
        env.put(
                "CACHE_MODE",
                "redis"); // the default, said out loud: the soak compares this cache with the fake's world
        env.putAll(extraEnv);
        return env;
    }

    /** Nodes started from now on get {@code name=value} in their environment too (over the defaults above). */
    void setEnv(String name, String value) {
        extraEnv.put(name, value);
    }

    NodeProcess start(String name) throws IOException {
        List<String> prefix = namespaces == null ? List.of() : namespaces.prefix(name);
        NodeProcess node = NodeProcess.start(name, prefix, Main.class, env(), logs);
        nodes.put(name, node);
        return node;
    }

    /** Namespace mode: from now on {@code name} starts (and restarts) in a network namespace of its own. */
    NetNamespace isolate(String name) {
        return inNamespaceMode().isolate(name);
    }

    /** The namespace {@code name} runs in (namespace mode, after {@link #isolate}). */
    NetNamespace namespace(String name) {
        return inNamespaceMode().namespace(name);
    }

    /** Where the nodes reach Redis (the hub's forwarder, or the proxy they are routed through). */
    InetSocketAddress redisPeer() {
        return NodeNamespaces.peer(nodeRedis());
    }

    /** Where the nodes reach the fake Discord, REST and gateway alike. */
    InetSocketAddress discordPeer() {
        return NodeNamespaces.peer(fake.gatewayUrl());
    }

    private URI nodeRedis() {
        if (nodeRedis != null) {
            return nodeRedis;
        }
        return namespaces == null ? redis.uri() : namespaces.redis();
    }

    private NodeNamespaces inNamespaceMode() {
        if (namespaces == null) {
            throw new IllegalStateException("this cluster has no partition network; construct it with one");
        }
        return namespaces;
    }

    /** From now on, nodes started reach Redis at {@code uri} (a fault proxy in front of it), not directly. */
    void routeNodesThrough(URI uri) {
        nodeRedis = uri;
    }

    /** Starts a node again under a name whose process ended (killed or drained); its old log is kept aside. */
    NodeProcess restart(String name) throws IOException, InterruptedException {
        NodeProcess old = nodes.remove(name);
        if (old != null) {
            old.close();
            java.nio.file.Files.move(
                    old.log(),
                    old.log().resolveSibling(name + "." + System.nanoTime() + ".log"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return start(name);
    }

    /** The names of the nodes started, in order. */
    List<String> names() {
        return List.copyOf(nodes.keySet());
    }

    NodeProcess node(String name) {
        return Objects.requireNonNull(nodes.get(name), name);
    }

    /** Emits {@code perTick} events every 20 ms into every shard with a live session, until {@link #pause}. */
    void emit(int perTick) {
        emit(perTick, Duration.ofMillis(20));
    }

    /** Emits {@code perTick} events every {@code period} into every shard with a live session, until {@link #pause}. */
    void emit(int perTick, Duration period) {
        emitting = emitter.scheduleAtFixedRate(
                () -> {
                    for (int shard = 0; shard < shardCount; shard++) {
                        try {
                            fake.shard(shard).emit(perTick);
                        } catch (RuntimeException e) {
                            // no session yet on this shard: nothing to emit into
                        }
                    }
                },
                0,
                period.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Stops emitting; returns once no emit runs any more. */
    void pause() throws Exception {
        ScheduledFuture<?> running = emitting;
        if (running != null) {
            running.cancel(false);
        }
        emitter.submit(() -> {}).get(10, TimeUnit.SECONDS);
    }

    /** The live node records by node name (what each says it runs). */
    Map<String, NodeRecord> members() {
        Map<String, NodeRecord> members = new LinkedHashMap<>();
        for (String id : redis.commands().smembers(keys.nodeIndex())) {
            String record = redis.commands().get(keys.node(id));
            if (record != null) {
                NodeRecord.fromJson(json, record).ifPresent(node -> members.put(node.name(), node));
            }
        }
        return members;
    }

    /** The name of the node holding the leader lease (its value is {@code <nodeId>:<epoch>}), if any. */
    Optional<String> leader() {
        String lease = redis.commands().get(keys.leader());
        if (lease == null) {
            return Optional.empty();
        }
        String id = lease.substring(0, lease.lastIndexOf(':'));
        return members().values().stream()
                .filter(node -> node.id().equals(id))
                .map(NodeRecord::name)
                .findFirst();
    }

    /** The shards each live node says it runs. */
    Map<String, SortedSet<Integer>> placement() {
        Map<String, SortedSet<Integer>> placement = new LinkedHashMap<>();
        members().forEach((name, record) -> placement.put(name, record.shards()));
        return placement;
    }

    /** The session the fake's last successful IDENTIFY for the shard created. */
    Optional<String> latestSession(int shard) {
        List<IdentifyRecord> ready = fake.log().identifies().stream()
                .filter(identify -> identify.shardId() == shard && identify.sessionId() != null)
                .toList();
        return ready.isEmpty()
                ? Optional.empty()
                : Optional.ofNullable(ready.getLast().sessionId());
    }

    /** How many distinct shards the fake ever answered with a READY (identified at least once). */
    long shardsEverReady() {
        return fake.log().identifies().stream()
                .filter(identify -> identify.outcome().equals("READY"))
                .map(IdentifyRecord::shardId)
                .distinct()
                .count();
    }

    /** Every session the fake created for the shard, in order. */
    List<String> sessions(int shard) {
        List<String> sessions = new ArrayList<>();
        for (IdentifyRecord identify : fake.log().identifies()) {
            if (identify.shardId() == shard && identify.sessionId() != null) {
                sessions.add(identify.sessionId());
            }
        }
        return sessions;
    }

    /** The session and seq Redis holds for the shard ("" and -1 when none). */
    Map.Entry<String, Long> stored(int shard) {
        Map<String, String> hash = redis.commands().hgetall(keys.session(shard));
        String session = hash.getOrDefault(SessionFields.SESSION_ID, "");
        String seq = hash.get(SessionFields.SEQ);
        return Map.entry(session, seq == null ? -1L : Long.parseLong(seq));
    }

    /** The shards whose committed seq is not the last seq the fake produced in their session, as lines (empty: none). */
    List<String> uncommitted() {
        List<String> behind = new ArrayList<>();
        for (int shard = 0; shard < shardCount; shard++) {
            Map.Entry<String, Long> stored = stored(shard);
            long produced = lastProduced(stored.getKey());
            if (stored.getValue() != produced) {
                behind.add("shard " + shard + " committed seq " + stored.getValue() + " of " + produced);
            }
        }
        return behind;
    }

    /** The last seq the fake produced in the session, or -1. */
    long lastProduced(String session) {
        List<ProducedDispatch> produced = fake.log().sessionEvents(session);
        return produced.isEmpty() ? -1 : produced.getLast().seq();
    }

    @Override
    public void close() throws Exception {
        emitter.shutdownNow();
        for (NodeProcess node : nodes.values()) {
            node.close();
        }
        if (namespaces != null) {
            namespaces.close();
        }
        fake.close();
    }
}
