package io.flotilla.gateway;

import io.flotilla.protocol.ShardId;
import io.flotilla.protocol.json.Envelope;
import io.flotilla.protocol.json.ReadyInfo;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shard's session: session_id, the last sequence number and resume_gateway_url, with the rules of GATEWAY.md
 * sections 5.5 and 14 item 4 (never overwrite seq with null, reset everything when the session ends), the seq
 * known to be committed, and the writes to the {@link SessionStore}. Written only on the shard's event loop; the volatile fields may be read anywhere.
 */
final class ShardSession {
    private static final Logger LOG = LoggerFactory.getLogger(ShardSession.class);

    private final ShardId shard;
    private final SessionStore store;
    private volatile @Nullable String id;
    private volatile long seq = Envelope.NO_SEQ;
    private volatile @Nullable String resumeUrl;
    /** The highest seq of this session known to be committed (stored, flushed or named by the sink), or -1. */
    private long committedFloor = Envelope.NO_SEQ;

    ShardSession(ShardId shard, SessionStore store) {
        this.shard = shard;
        this.store = store;
    }

    /** Takes over a stored session if it was made for this shard count. */
    void adopt(@Nullable StoredSession stored) {
        if (stored != null && stored.shardTotal() == shard.total()) {
            id = stored.sessionId();
            seq = stored.seq();
            resumeUrl = stored.resumeUrl();
            committedFloor = stored.seq();
        }
    }

    /**
     * The store holds the session only up to {@code storedSeq}: the next RESUME asks from there, so Discord
     * replays what the store lost. False (nothing changes) when {@code storedSeq} is not behind the received seq.
     */
    boolean rewind(long storedSeq) {
        if (storedSeq >= seq) {
            return false;
        }
        seq = storedSeq;
        committedFloor = storedSeq;
        return true;
    }

    /** The sink reported {@code committed} as the committed seq of this session. */
    void committed(long committed) {
        committedFloor = Math.max(committedFloor, Math.min(committed, seq));
    }

    /** The highest seq known to be committed, for a hand-off whose flush never answered. */
    long committedFloor() {
        return committedFloor;
    }

    /** A dispatch's s; replayed events keep theirs, and a missing s changes nothing. */
    void sequence(Envelope dispatch) {
        if (dispatch.hasSeq()) {
            seq = dispatch.seq();
        }
    }

    void started(ReadyInfo ready) {
        id = ready.sessionId();
        resumeUrl = ready.resumeGatewayUrl();
        committedFloor = 0;
    }

    long seq() {
        return seq;
    }

    @Nullable
    String id() {
        return id;
    }

    /** The url to resume on, or null when the next connection must identify. */
    @Nullable
    String resumeUrl() {
        return id == null ? null : resumeUrl;
    }

    /** The session as it stands, or null before the first READY. */
    @Nullable
    StoredSession snapshot() {
        String sessionId = id;
        String url = resumeUrl;
        return sessionId == null || url == null ? null : new StoredSession(sessionId, seq, url, shard.total());
    }

    void save() {
        StoredSession session = snapshot();
        if (session != null) {
            save(session);
        }
    }

    void save(StoredSession session) {
        store.save(shard, session).whenComplete((ok, error) -> {
            if (error != null) {
                LOG.warn("shard {} could not save its session; a move may need a new identify", shard, error);
            }
        });
    }

    /**
     * The session is over for {@code reason}: the store is told (it records a gap unless it was a shutdown) and
     * nothing of it leaks into the next one. Does nothing to the store when there was no session.
     */
    void end(SessionEnd.Reason reason) {
        String ended = id;
        long last = seq;
        id = null;
        resumeUrl = null;
        seq = Envelope.NO_SEQ;
        committedFloor = Envelope.NO_SEQ;
        if (ended != null) {
            if (reason.gap()) {
                LOG.warn(
                        "shard {} session {} ended ({}) at seq {}: events after what is committed are lost",
                        shard,
                        ended,
                        reason,
                        last);
            }
            store.end(shard, new SessionEnd(ended, last, reason)).whenComplete((ok, error) -> {
                if (error != null) {
                    LOG.warn("shard {} could not record the end of session {}", shard, ended, error);
                }
            });
        }
    }
}
