package io.flotilla.gateway;

import io.flotilla.protocol.CloseCode;
import io.flotilla.protocol.Recovery;
import org.jspecify.annotations.Nullable;

/**
 * A session that ended, as the shard tells its {@link SessionStore}: which session, the last seq the shard received
 * on it and why it ended. A value.
 *
 * @param sessionId the session that ended
 * @param lastReceivedSeq the last seq the shard received on it (what is committed is the store's to know)
 * @param reason why it ended
 */
public record SessionEnd(String sessionId, long lastReceivedSeq, Reason reason) {
    /** Why a session ended. All but {@link #SHUTDOWN} can lose events that Discord will never send again. */
    public enum Reason {
        /** Op 9 d=false on a live session (or a close code whose recovery is IDENTIFY, such as 4003). */
        INVALIDATED,
        /** Op 9 d=false in reply to RESUME: Discord refused to resume. */
        RESUME_REFUSED,
        /** Close 4007: the resume carried an invalid seq. */
        INVALID_SEQ,
        /** Close 4009: the session timed out. */
        TIMED_OUT,
        /** Resumes that reached Discord kept failing; the shard gave the session up for a new identify. */
        RESUME_FAILED,
        /** The store lost the session record ({@link ShardFeedback#sessionLost}). */
        STORE_LOST,
        /** {@link Shard#stop()}: closed with 1000 on purpose. */
        SHUTDOWN;

        /**
         * The reason a server close ends the session: 4007 and 4009 their own, any other code whose recovery is
         * IDENTIFY (such as 4003) {@link #INVALIDATED}; null when the close keeps the session resumable.
         */
        public static @Nullable Reason ofClose(int code) {
            return switch (code) {
                case 4007 -> INVALID_SEQ;
                case 4009 -> TIMED_OUT;
                default -> CloseCode.recoveryFor(code) == Recovery.IDENTIFY ? INVALIDATED : null;
            };
        }

        /** True when events may be lost with the session: a gap to record. Only a shutdown loses nothing. */
        public boolean gap() {
            return this != SHUTDOWN;
        }
    }
}
