package io.flotilla.gateway;

import io.flotilla.protocol.ShardId;
import io.flotilla.protocol.json.Envelope;
import io.flotilla.protocol.json.ReadyInfo;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shard's session: session_id, the last sequence number and resume_gateway_url, with the rules of GATEWAY.md
 * sections 5.5 and 14 item 4 (never overwrite seq with null, reset everything on a new identify) and the writes
 * to the {@link SessionStore}. Written only on the shard's event loop; the volatile fields may be read anywhere.
 */
final class ShardSession {
    private static final Logger LOG = LoggerFactory.getLogger(ShardSession.class);

    private final ShardId shard;
    private final SessionStore store;
    private volatile @Nullable String id;
    private volatile long seq = Envelope.NO_SEQ;
    private volatile @Nullable String resumeUrl;

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
        }
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
            store.save(shard, session).whenComplete((ok, error) -> {
                if (error != null) {
                    LOG.warn("shard {} could not save its session; a move may need a new identify", shard, error);
                }
            });
        }
    }

    /** A new identify starts a new session: nothing of the old one may leak into it. */
    void forget() {
        boolean had = id != null || seq != Envelope.NO_SEQ;
        id = null;
        resumeUrl = null;
        seq = Envelope.NO_SEQ;
        if (had) {
            store.clear(shard).whenComplete((ok, error) -> {
                if (error != null) {
                    LOG.warn("shard {} could not clear its stored session", shard, error);
                }
            });
        }
    }
}
