package io.flotilla.cluster.session;

import java.util.Map;
import java.util.Optional;

/**
 * Everything {@code g:session:<shard>} says about a shard's session. A value.
 *
 * @param shard the shard
 * @param sessionId the Discord session id
 * @param seq the last committed sequence number
 * @param resumeUrl READY's {@code resume_gateway_url}
 * @param shardTotal the shard count the session was identified with
 * @param owner the node that last committed for it ("" when unknown)
 * @param updatedAt epoch ms of the last write (0 when unknown)
 */
public record SessionRecord(
        int shard, String sessionId, long seq, String resumeUrl, int shardTotal, String owner, long updatedAt) {

    /** Reads the hash; empty when a field needed for a resume is missing or not a number. */
    public static Optional<SessionRecord> from(int shard, Map<String, String> fields) {
        String sessionId = fields.get(SessionFields.SESSION_ID);
        String seq = fields.get(SessionFields.SEQ);
        String resumeUrl = fields.get(SessionFields.RESUME_URL);
        String shardTotal = fields.get(SessionFields.SHARD_TOTAL);
        if (sessionId == null || seq == null || resumeUrl == null || shardTotal == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SessionRecord(
                    shard,
                    sessionId,
                    Long.parseLong(seq),
                    resumeUrl,
                    Integer.parseInt(shardTotal),
                    fields.getOrDefault(SessionFields.OWNER, ""),
                    Long.parseLong(fields.getOrDefault(SessionFields.UPDATED_AT, "0"))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
