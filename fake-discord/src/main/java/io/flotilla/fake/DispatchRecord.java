package io.flotilla.fake;

import java.time.Instant;

/**
 * One dispatch written to a socket.
 *
 * @param connectionId the connection it went to (see {@link ConnectionRecord#id()})
 * @param shardId the shard id of the session
 * @param sessionId the session it belongs to
 * @param seq its {@code s}
 * @param type its {@code t}
 * @param replayed whether it was written as part of a RESUME replay
 * @param at when it was handed to the socket
 */
public record DispatchRecord(
        long connectionId, int shardId, String sessionId, long seq, String type, boolean replayed, Instant at) {}
