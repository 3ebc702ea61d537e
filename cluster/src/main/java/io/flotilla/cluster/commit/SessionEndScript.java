package io.flotilla.cluster.commit;

import io.flotilla.cluster.redis.RedisScript;
import io.flotilla.cluster.session.SessionFields;
import io.flotilla.worker.GapFields;

/**
 * The Lua script that ends a shard's stored session, run by the shard's commit lane after every batch of that
 * session was resolved, so the session hash has one writer (issue 12: "forget" goes through the same path as the
 * events, never a separate DEL on another connection). Under the shard's fence, and only while the stored session
 * is the one ending: it removes {@code session_id}, {@code seq} and {@code resume_gateway_url} (keeping the
 * {@code epoch} and {@code generation}, so no late write of the dead session can bring it back) and, when the end
 * loses events, appends a gap record to {@code g:gaps} in the same atomic step. A retry after a lost reply finds
 * the session already ended and writes nothing, so a gap is recorded exactly once.
 *
 * <p>KEYS: session hash, fence key (the session hash when unfenced), gap stream. ARGV: fence token ("" = none),
 * session id, gap ("1"/"0"), shard, reason, last received seq, time (ms). Reply: {@code {verdict, stored session,
 * stored seq}} with verdict {@code ENDED}, {@code NOT_CURRENT} or {@code FENCED}.
 */
final class SessionEndScript {
    private static final String SOURCE = """
            local st = redis.call('HMGET', KEYS[1], '$SESSION_ID', '$SEQ')
            local sid = st[1] or ''
            local sseq = tonumber(st[2]) or -1
            if ARGV[1] ~= '' and redis.call('GET', KEYS[2]) ~= ARGV[1] then
              return {'FENCED', sid, sseq}
            end
            if sid ~= ARGV[2] then
              return {'NOT_CURRENT', sid, sseq}
            end
            redis.call('HDEL', KEYS[1], '$SESSION_ID', '$SEQ', '$RESUME_URL')
            if ARGV[3] == '1' then
              redis.call('XADD', KEYS[3], '*', '$G_SHARD', ARGV[4], '$G_SESSION', ARGV[2], '$G_COMMITTED', sseq,
                '$G_RECEIVED', ARGV[6], '$G_REASON', ARGV[5], '$G_AT', ARGV[7])
            end
            return {'ENDED', sid, sseq}
            """;

    static final RedisScript SCRIPT = RedisScript.of(
            "end-session",
            SOURCE.replace("$SESSION_ID", SessionFields.SESSION_ID)
                    .replace("$SEQ", SessionFields.SEQ)
                    .replace("$RESUME_URL", SessionFields.RESUME_URL)
                    .replace("$G_SHARD", GapFields.SHARD)
                    .replace("$G_SESSION", GapFields.SESSION)
                    .replace("$G_COMMITTED", GapFields.COMMITTED_SEQ)
                    .replace("$G_RECEIVED", GapFields.RECEIVED_SEQ)
                    .replace("$G_REASON", GapFields.REASON)
                    .replace("$G_AT", GapFields.AT));

    private SessionEndScript() {}
}
