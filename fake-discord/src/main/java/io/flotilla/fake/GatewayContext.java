package io.flotilla.fake;

import io.flotilla.fake.wire.CloseCode;
import io.flotilla.fake.world.World;
import io.netty.channel.EventLoopGroup;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

    void unregister(Session session) {
        sessions.remove(session.id(), session);
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
            hub.destroyAllSessions();
        }
        for (GatewayConnection connection : connections()) {
            connection.closeWith(CloseCode.AUTHENTICATION_FAILED.code(), reason);
        }
    }
}
