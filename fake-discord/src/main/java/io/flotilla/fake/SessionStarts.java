package io.flotilla.fake;

import io.flotilla.fake.wire.CloseCode;
import io.flotilla.fake.world.Dispatch;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a session of one shard hub starts or continues (GATEWAY.md 5.4, 5.7 and 13): an accepted IDENTIFY makes
 * a session and produces READY and one GUILD_CREATE per guild; a RESUME replays from the client's seq and
 * produces RESUMED, or is refused (op 9 false, close 4007). Every outcome is logged. Owned by a
 * {@link ShardHub}; called from connection loops, runs on the hub's thread.
 */
final class SessionStarts {

    private final ShardHub hub;
    private final GatewayContext context;

    SessionStarts(ShardHub hub, GatewayContext context) {
        this.hub = hub;
        this.context = context;
    }

    /**
     * A checked IDENTIFY: new session, READY (s=1), one GUILD_CREATE per guild of the shard. Logged with the moment
     * the identify gate let it through ({@code allowed}), which is what the identify window is about.
     */
    void identify(GatewayConnection connection, IdentifyRequest request, Instant allowed) {
        hub.execute(() -> {
            ShardKey key = hub.key;
            String id = HexFormat.of().formatHex(randomBytes());
            Session session = new Session(
                    id, hub, request.intents(), request.largeThreshold(), context.config.sessionBufferSize());
            hub.add(session);
            hub.attach(connection, session, 0, 0);
            List<String> guilds = context.world.guildIds(key.id(), key.count());
            hub.produce(
                    session,
                    new Dispatch("READY", Payloads.ready(context.world, id, context.resumeUrl, key, guilds), 0));
            for (String guild : guilds) {
                hub.produce(
                        session,
                        new Dispatch(
                                "GUILD_CREATE",
                                context.world.guildCreate(guild, session.intents(), session.largeThreshold()),
                                0));
            }
            context.log.identify(new IdentifyRecord(
                    connection.id(), key.id(), key.count(), session.intents(), id, "READY", allowed));
        });
    }

    /** A RESUME of a session of this hub: replay with original seqs, then RESUMED. */
    void resume(GatewayConnection connection, Session session, long seq) {
        hub.execute(() -> {
            DispatchRing ring = session.ring();
            String outcome;
            long replayed = 0;
            if (session.destroyed()) {
                outcome = "INVALID_SESSION";
                hub.recordEnd(session, SessionEnd.Cause.RESUME_REFUSED);
                connection.resumeRejected(false, "session " + session.id() + " is gone");
            } else if (seq < 0 || seq > ring.produced()) {
                outcome = "CLOSE " + CloseCode.INVALID_SEQ.code();
                hub.recordEnd(session, SessionEnd.Cause.INVALID_SEQ);
                connection.resumeRejected(true, "resume seq " + seq + " but the session produced " + ring.produced());
            } else if (seq + 1 < ring.oldestRetained()) {
                outcome = "INVALID_SESSION";
                hub.recordEnd(session, SessionEnd.Cause.RESUME_REFUSED);
                hub.destroy(session);
                connection.resumeRejected(false, "resume seq " + seq + " is older than the session buffer");
            } else {
                outcome = "RESUMED";
                replayed = ring.produced() - seq;
                hub.attach(connection, session, seq, ring.produced());
                hub.produce(session, new Dispatch("RESUMED", Payloads.resumed(), 0));
            }
            context.log.resume(new ResumeRecord(
                    connection.id(),
                    connection.path(),
                    session.id(),
                    seq,
                    hub.key.id(),
                    outcome,
                    replayed,
                    context.log.now()));
        });
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
