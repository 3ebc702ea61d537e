package io.flotilla.fake;

import io.flotilla.fake.wire.Intent;
import io.flotilla.fake.world.Dispatch;
import java.util.ArrayList;
import java.util.Map;

/**
 * The fault verbs of one shard hub (GATEWAY.md 13, "control actions"): each acts on every connection attached to
 * a session of the hub at the moment it runs. Called from any thread; the work runs on the hub's thread, the
 * socket writes on each connection's loop. The ACK switch is read by connections, hence volatile.
 */
final class ShardFaults {

    private final ShardHub hub;
    private volatile boolean acksEnabled = true;

    ShardFaults(ShardHub hub) {
        this.hub = hub;
    }

    boolean acksEnabled() {
        return acksEnabled;
    }

    void acks(boolean enabled) {
        acksEnabled = enabled;
    }

    /** op 7, then a close after the configured delay unless the client closed first. */
    void sendReconnect() {
        hub.forEachConnection(GatewayConnection::sendReconnect);
    }

    /** op 9: resumable keeps the session for the retention window, otherwise it is destroyed now. */
    void invalidateSession(boolean resumable) {
        hub.execute(() -> {
            for (Map.Entry<GatewayConnection, Session> entry :
                    new ArrayList<>(hub.attached().entrySet())) {
                hub.detach(entry.getKey(), resumable ? null : SessionEnd.Cause.INVALIDATED);
                entry.getKey().invalidated(resumable);
            }
        });
    }

    /** op 1 from the server: the client must heartbeat at once. */
    void requestHeartbeat() {
        hub.forEachConnection(connection -> connection.control().heartbeatRequest());
    }

    /** Cuts TCP without a close frame (RST). */
    void dropConnection() {
        hub.forEachConnection(connection -> connection.control().drop());
    }

    /**
     * A close frame with any code; the session stays resumable. After 4007 or 4009 a client starts a new
     * session, so the log records those as the end of the session ({@link SessionEnd.Cause#ofServerClose}).
     */
    void close(int code) {
        hub.forEachConnection(connection -> {
            SessionEnd.Cause.ofServerClose(code).ifPresent(cause -> hub.sessionEnds(connection, cause));
            connection.closeWith(code, "closed by fault injection");
        });
    }

    /** GUILD_DELETE {id, unavailable: true} to every session that has GUILDS. */
    void startOutage(String guildId) {
        hub.execute(() -> hub.fanOut(hub.context().world.startOutage(guildId), hub.sessions()));
    }

    /** Ends the outage and announces the guild again with a GUILD_CREATE shaped for each session's intents. */
    void endOutage(String guildId) {
        hub.execute(() -> {
            hub.context().world.endOutage(guildId, Intent.ALL, 250);
            for (Session session : hub.sessions()) {
                if (Intent.GUILDS.in(session.intents())) {
                    byte[] guild =
                            hub.context().world.guildCreate(guildId, session.intents(), session.largeThreshold());
                    hub.produce(session, new Dispatch("GUILD_CREATE", guild, Intent.GUILDS.mask()));
                }
            }
        });
    }
}
