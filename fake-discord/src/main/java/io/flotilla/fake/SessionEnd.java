package io.flotilla.fake;

import java.time.Instant;
import java.util.Optional;

/**
 * One session the fake ended, as a client sees it: the record a client's gap record (shard, old session, last
 * seq, reason) is matched against, one for one.
 *
 * @param shardId the session's shard id; -1 for a RESUME of a session the fake never knew
 * @param sessionId the session; for {@link Cause#RESUME_REFUSED}, the id the client sent
 * @param lastSeq the last seq produced into the session (what a client could have received at most); -1 when
 *     the fake never knew the session
 * @param cause why it ended
 * @param at when the fake ended it
 */
public record SessionEnd(int shardId, String sessionId, long lastSeq, Cause cause, Instant at) {

    /** Why a session ended: each is one thing the fake sent. */
    public enum Cause {
        /** op 9 false in reply to a RESUME: the session is gone, expired, unknown, or the resume is too old. */
        RESUME_REFUSED,
        /** Close 4007 (a RESUME with a bad seq, or a fault close with 4007). */
        INVALID_SEQ,
        /** Close 4009: missed heartbeats, a live connection a whole buffer behind, or a fault close with 4009. */
        TIMED_OUT,
        /** op 9 false sent to a live session (a fault or chaos). */
        INVALIDATED,
        /** Close 4004 to every socket when the identify budget ran out (the stand-in for a token reset). */
        BUDGET_RESET,
        /** The client closed with 1000 or 1001. */
        CLIENT_CLOSED;

        /**
         * The cause a close code the fake sends implies, if any: after 4007 and 4009 Discord's docs tell the
         * client to start a new session (GATEWAY.md 4), so the session is over for it.
         */
        static Optional<Cause> ofServerClose(int code) {
            return switch (code) {
                case 4007 -> Optional.of(INVALID_SEQ);
                case 4009 -> Optional.of(TIMED_OUT);
                default -> Optional.empty();
            };
        }
    }
}
