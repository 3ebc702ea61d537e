package io.flotilla.gateway.policy;

import io.flotilla.protocol.Recovery;

/**
 * GATEWAY.md 5.6, "a resume attempt itself fails → identify": counts resume attempts that ended before the
 * session was live again and turns the third one's RESUME into IDENTIFY, so a resume url that stays unreachable, or
 * a session that died with it, does not hold the shard in a reconnect loop. One per shard, used on its event loop;
 * not thread-safe.
 */
public final class ResumeFallback {
    /** Failed resume attempts in a row before giving the session up. */
    public static final int MAX_FAILED_RESUMES = 3;

    private int failed;

    /**
     * A connection ended.
     *
     * @param wasResumeAttempt the connection was opened to resume
     * @param reachedLive the session became live (READY/RESUMED) on it
     * @param decided what the close code or control frame called for
     * @return what to do, IDENTIFY instead of RESUME after too many failed resumes
     */
    public Recovery afterConnection(boolean wasResumeAttempt, boolean reachedLive, Recovery decided) {
        if (decided != Recovery.RESUME) {
            if (decided == Recovery.IDENTIFY) {
                failed = 0;
            }
            return decided;
        }
        if (wasResumeAttempt && !reachedLive) {
            failed++;
        }
        if (failed >= MAX_FAILED_RESUMES) {
            failed = 0;
            return Recovery.IDENTIFY;
        }
        return Recovery.RESUME;
    }

    /** The session is live again. */
    public void sessionLive() {
        failed = 0;
    }
}
