package io.flotilla.cluster.commit;

/**
 * A shard's session ended (GATEWAY.md 5.6): committed after every dispatch added before it, by the session end
 * script. A value.
 *
 * @param sessionId the session that ended
 * @param lastReceivedSeq the last seq the shard received in it
 * @param reason why, for the gap record and the log (e.g. {@code RESUME_REFUSED})
 * @param gap whether events may have been lost (everything but a deliberate shutdown)
 */
public record SessionEndMark(String sessionId, long lastReceivedSeq, String reason, boolean gap) {}
