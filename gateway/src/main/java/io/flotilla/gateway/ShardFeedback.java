package io.flotilla.gateway;

/**
 * What a {@link DispatchSink} tells the shard it takes dispatches from: read again after "full", or the store lost
 * part or all of the session (for example Redis restarted from an older AOF), so the shard makes Discord send
 * the lost events again.
 *
 * <p>A shard passes the same instance with every dispatch. Every method may be called on any thread, any number of
 * times; the shard hops onto its own event loop and ignores calls about a session that is no longer its current
 * one.
 */
public interface ShardFeedback {
    /** The sink has room again after {@link DispatchSink#offer} returned false: read the socket again. */
    void resumeReading();

    /**
     * The store holds session {@code sessionId} only up to {@code seq}: the shard closes its connection with a
     * resumable code and RESUMEs the same session from {@code seq}, so Discord replays what the store lost. Ignored
     * when {@code sessionId} is not the current session or {@code seq} is not behind what the shard received.
     */
    void continueFrom(String sessionId, long seq);

    /**
     * The store lost the record of session {@code sessionId}: the shard ends it ({@link SessionEnd.Reason#STORE_LOST})
     * and identifies anew, through the {@link IdentifyGate}. Ignored when {@code sessionId} is not current.
     */
    void sessionLost(String sessionId);
}
