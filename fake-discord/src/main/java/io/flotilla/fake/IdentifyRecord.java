package io.flotilla.fake;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One IDENTIFY a client sent and what the fake answered.
 *
 * @param connectionId the connection it came on
 * @param shardId the shard id asked for (0 when no {@code shard} was sent, -1 when unreadable)
 * @param shardCount the shard count asked for
 * @param intents the intents asked for (-1 when the identify was refused before they were read)
 * @param sessionId the new session, or null when none was created
 * @param outcome {@code READY}, {@code INVALID_SESSION} (op 9) or {@code CLOSE <code>}
 * @param at when the fake decided
 */
public record IdentifyRecord(
        long connectionId,
        int shardId,
        int shardCount,
        int intents,
        @Nullable String sessionId,
        String outcome,
        Instant at) {}
