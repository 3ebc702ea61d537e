package io.flotilla.fake;

import io.flotilla.fake.wire.CloseCode;
import io.flotilla.fake.world.Dispatch;
import io.netty.util.concurrent.EventExecutor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One per shard key: owns the shard's event generator and its sessions, live and detached (which connection
 * carries which, how long a detached one is kept, when one ends and what the log says about it), and produces
 * every dispatch of those sessions into their {@link DispatchRing}s, each with the session's own next seq.
 * Identify and resume answers are its {@link SessionStarts}; faults its {@link ShardFaults}.
 *
 * <p>Threading: every method runs on the hub's one event loop ({@link #loop}); callers on other threads go
 * through {@link #execute}. Connections read the rings from their own loops and are woken after each append.
 * A live connection that falls a whole buffer behind would lose dispatches, so the hub closes it with 4009 and
 * destroys its session instead; generation pauses while a live connection has half a buffer unsent (the
 * configured rate is a maximum, no queue grows without bound).
 */
// The generation tick runs until the event loop shuts down with the fake; nobody waits for it.
@SuppressWarnings("FutureReturnValueIgnored")
final class ShardHub {

    // settings and collaborators
    final ShardKey key;
    private final EventExecutor loop;
    private final GatewayContext context;
    private final ShardFaults faults;
    private final ShardGeneration generation;
    private final SessionRequests requests;
    private final SessionStarts starts;

    // mutable state, hub thread only
    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private final Map<GatewayConnection, Session> attached = new HashMap<>();

    ShardHub(ShardKey key, EventExecutor loop, GatewayContext context) {
        this.key = key;
        this.loop = loop;
        this.context = context;
        this.faults = new ShardFaults(this);
        this.generation = new ShardGeneration(this);
        this.requests = new SessionRequests(this);
        this.starts = new SessionStarts(this, context);
        if (context.config.eventsPerSecondPerShard() > 0) {
            loop.scheduleAtFixedRate(
                    generation::tick, ShardGeneration.TICK_MILLIS, ShardGeneration.TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    void execute(Runnable task) {
        loop.execute(task);
    }

    ShardFaults faults() {
        return faults;
    }

    GatewayContext context() {
        return context;
    }

    // ---- sessions ----

    /** A checked IDENTIFY, let through by the identify gate at {@code allowed}: see {@link SessionStarts#identify}. */
    void identify(GatewayConnection connection, IdentifyRequest request, Instant allowed) {
        starts.identify(connection, request, allowed);
    }

    /** A RESUME of a session of this hub: see {@link SessionStarts#resume}. */
    void resume(GatewayConnection connection, Session session, long seq) {
        starts.resume(connection, session, seq);
    }

    /** A new session joins the hub and the directory; hub thread only. */
    void add(Session session) {
        sessions.put(session.id(), session);
        context.register(session);
    }

    /** Attaches a session to a connection (the older one, if any, goes); hub thread only. */
    void attach(GatewayConnection connection, Session session, long cursor, long replayUntil) {
        GatewayConnection previous = session.connection();
        if (previous != null && previous != connection) {
            // Two live connections on one session is undefined (GATEWAY.md 15): the older one goes.
            release(previous);
            previous.closeWith(CloseCode.UNKNOWN_ERROR.code(), "session resumed on another connection");
        }
        session.expiry(null);
        session.connection(connection);
        attached.put(connection, session);
        context.log.authenticated(key.id());
        connection.attach(session, cursor, replayUntil);
    }

    /**
     * The connection ended or stopped being authenticated. A session it carried stays resumable for the
     * retention window when {@code endCause} is null, else it ends now with that cause.
     */
    void detach(GatewayConnection connection, SessionEnd.@Nullable Cause endCause) {
        execute(() -> {
            Session session = release(connection);
            if (session == null || session.destroyed()) {
                return;
            }
            if (endCause == null) {
                session.expiry(loop.schedule(
                        () -> destroy(session),
                        context.config.sessionRetention().toNanos(),
                        TimeUnit.NANOSECONDS));
            } else {
                recordEnd(session, endCause);
                destroy(session);
            }
        });
    }

    /** Logs that the session a connection carries ended for its client (the fake may still keep it). */
    void sessionEnds(GatewayConnection connection, SessionEnd.Cause cause) {
        execute(() -> {
            Session session = attached.get(connection);
            if (session != null) {
                recordEnd(session, cause);
            }
        });
    }

    /** Logs the end of a session with its last produced seq; hub thread only. */
    void recordEnd(Session session, SessionEnd.Cause cause) {
        context.log.sessionEnd(
                new SessionEnd(key.id(), session.id(), session.ring().produced(), cause, context.log.now()));
    }

    private @Nullable Session release(GatewayConnection connection) {
        Session session = attached.remove(connection);
        if (session != null && session.connection() == connection) {
            session.connection(null);
            context.log.released(key.id());
        }
        return session;
    }

    void destroy(Session session) {
        if (session.destroyed()) {
            return;
        }
        GatewayConnection connection = session.connection();
        if (connection != null) {
            release(connection);
        }
        session.destroy();
        sessions.remove(session.id());
        context.unregister(session);
    }

    /** Ends every session of the hub with this cause. */
    void endAllSessions(SessionEnd.Cause cause) {
        execute(() -> new ArrayList<>(sessions.values()).forEach(session -> {
            recordEnd(session, cause);
            destroy(session);
        }));
    }

    /** Runs an action for each connection attached to a session of this hub, on the hub thread. */
    void forEachConnection(Consumer<GatewayConnection> action) {
        execute(() -> new ArrayList<>(attached.keySet()).forEach(action));
    }

    // ---- producing ----

    /** Appends a dispatch to a session, or ends the session when its live connection is a buffer behind. */
    void produce(Session session, Dispatch dispatch) {
        if (session.destroyed()) {
            return;
        }
        DispatchRing ring = session.ring();
        GatewayConnection connection = session.connection();
        long next = ring.produced() + 1;
        if (connection != null && next - ring.capacity() > connection.cursor()) {
            connection.closeWith(
                    CloseCode.SESSION_TIMED_OUT.code(),
                    "fell more than " + ring.capacity() + " dispatches behind; session destroyed");
            recordEnd(session, SessionEnd.Cause.TIMED_OUT);
            destroy(session);
            return;
        }
        long seq = ring.append(dispatch);
        context.log.produced(session.id(), seq, dispatch);
        if (connection != null) {
            connection.wake();
        }
    }

    /** Sends one dispatch to every session whose intents cover it. */
    void fanOut(Dispatch dispatch, List<Session> targets) {
        for (Session session : targets) {
            if (session.receives(dispatch.requiredIntents())) {
                produce(session, dispatch);
            }
        }
    }

    boolean hasSessions() {
        return !sessions.isEmpty();
    }

    List<Session> sessions() {
        return new ArrayList<>(sessions.values());
    }

    /** Generates {@code count} events now; completes once they are produced. */
    CompletableFuture<Void> emit(int count) {
        return generation.emit(count);
    }

    /** Produces one MESSAGE_CREATE with this text now; completes once it is produced. */
    CompletableFuture<Void> say(String text) {
        return generation.say(text);
    }

    /** Live connections and their sessions; hub thread only. */
    Map<GatewayConnection, Session> attached() {
        return attached;
    }

    /** The session a connection carries now, or null; hub thread only. */
    @Nullable
    Session sessionOf(GatewayConnection connection) {
        return attached.get(connection);
    }

    SessionRequests requests() {
        return requests;
    }
}
