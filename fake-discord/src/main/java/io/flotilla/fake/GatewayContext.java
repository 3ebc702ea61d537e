package io.flotilla.fake;

import io.flotilla.fake.wire.CloseCode;
import io.flotilla.fake.world.World;
import io.netty.channel.EventLoopGroup;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * What every connection and shard hub of one fake shares: settings, the world, the log, the bot-wide limits,
 * the session directory (for RESUME, which names no shard) and the hubs. Created by {@link FakeDiscord};
 * thread-safe (its maps are concurrent, its collaborators thread-safe).
 */
final class GatewayContext {

    // settings and collaborators
    final FakeDiscordConfig config;
    final World world;
    final FakeLog log;
    final InstantSource clock;
    final IdentifyGate identifyGate;
    final MemberRequestLimiter memberLimiter;
    final EventLoopGroup loops;
    final String gatewayUrl;
    final String resumeUrl;

    // registries
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<ShardKey, ShardHub> hubs = new ConcurrentHashMap<>();
    private final Set<GatewayConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong connectionIds = new AtomicLong();
    private final Map<String, Retired> retired = new ConcurrentHashMap<>();
    private final AtomicInteger reconnectsBeforeHello = new AtomicInteger();

    /** What is still known of a destroyed session, so a later RESUME of it is logged with its shard and seq. */
    record Retired(int shardId, long lastSeq) {}

    GatewayContext(
            FakeDiscordConfig config,
            World world,
            FakeLog log,
            InstantSource clock,
            EventLoopGroup loops,
            String gatewayUrl,
            String resumeUrl) {
        this.config = config;
        this.world = world;
        this.log = log;
        this.clock = clock;
        this.loops = loops;
        this.gatewayUrl = gatewayUrl;
        this.resumeUrl = resumeUrl;
        this.identifyGate = new IdentifyGate(
                clock,
                config.maxConcurrency(),
                config.identifyWindow(),
                config.sessionStartLimit(),
                config.sessionStartResetAfter());
        this.memberLimiter = new MemberRequestLimiter(clock, config.memberRequestCooldown());
    }

    /** The hub of a shard, created on first use; a hub never goes away before the fake closes. */
    ShardHub hub(ShardKey key) {
        return hubs.computeIfAbsent(key, k -> new ShardHub(k, loops.next(), this));
    }

    List<ShardHub> hubs() {
        return List.copyOf(hubs.values());
    }

    long nextConnectionId() {
        return connectionIds.incrementAndGet();
    }

    void register(Session session) {
        sessions.put(session.id(), session);
    }

    /** A destroyed session leaves the directory; a few bytes of it stay for the log (sessions are few). */
    void unregister(Session session) {
        sessions.remove(session.id(), session);
        retired.put(
                session.id(), new Retired(session.hub().key.id(), session.ring().produced()));
    }

    @Nullable
    Retired retired(String sessionId) {
        return retired.get(sessionId);
    }

    /** The next {@code count} connections get op 7 instead of HELLO (GATEWAY.md 13, optional chaos). */
    void reconnectBeforeHello(int count) {
        reconnectsBeforeHello.addAndGet(count);
    }

    /** Chaos: op 7 instead of HELLO for the next connection, without piling up while nobody connects. */
    void armReconnectBeforeHello() {
        reconnectsBeforeHello.updateAndGet(n -> Math.max(n, 1));
    }

    /** Whether this new connection is one of them (and counts it). */
    boolean takeReconnectBeforeHello() {
        return reconnectsBeforeHello.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    @Nullable
    Session session(String sessionId) {
        return sessions.get(sessionId);
    }

    void opened(GatewayConnection connection) {
        connections.add(connection);
    }

    void closed(GatewayConnection connection) {
        connections.remove(connection);
    }

    List<GatewayConnection> connections() {
        return List.copyOf(connections);
    }

    /** Real Discord kills every session when the identify budget is spent (GATEWAY.md 5.3); so does the fake. */
    void terminateEverything(String reason) {
        for (ShardHub hub : hubs()) {
            hub.endAllSessions(SessionEnd.Cause.BUDGET_RESET);
        }
        for (GatewayConnection connection : connections()) {
            connection.closeWith(CloseCode.AUTHENTICATION_FAILED.code(), reason);
        }
    }
}
