package io.flotilla.gateway;

/**
 * What another connection or node needs to resume a shard's session (GATEWAY.md sections 5.7 and 5.8). A value.
 *
 * @param sessionId from READY
 * @param seq the last sequence number received, or -1 if none yet
 * @param resumeUrl resume_gateway_url from READY
 * @param shardTotal the shard count the session was identified with; a session of another count is not resumed
 */
public record StoredSession(String sessionId, long seq, String resumeUrl, int shardTotal) {
    public StoredSession withSeq(long newSeq) {
        return new StoredSession(sessionId, newSeq, resumeUrl, shardTotal);
    }
}
