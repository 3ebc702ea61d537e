package io.flotilla.fake;

import java.time.Instant;

/**
 * One RESUME a client sent and what the fake answered.
 *
 * @param connectionId the connection it came on
 * @param path the WebSocket path of that connection ({@code /resume} when the client used resume_gateway_url)
 * @param sessionId the session asked for
 * @param seq the seq the client sent
 * @param shardId the session's shard id, or -1 when the session was unknown
 * @param outcome {@code RESUMED}, {@code INVALID_SESSION} (op 9 false) or {@code CLOSE <code>}
 * @param replayed how many dispatches were replayed (0 unless RESUMED)
 * @param at when the fake decided
 */
public record ResumeRecord(
        long connectionId,
        String path,
        String sessionId,
        long seq,
        int shardId,
        String outcome,
        long replayed,
        Instant at) {}
