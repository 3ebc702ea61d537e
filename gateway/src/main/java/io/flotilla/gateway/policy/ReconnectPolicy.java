package io.flotilla.gateway.policy;

import io.flotilla.gateway.SessionEnd;
import io.flotilla.protocol.CloseCode;
import io.flotilla.protocol.Recovery;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The decision after each connection of a shard (GATEWAY.md 5.6): resume, identify or stop, which url, how long
 * to wait. Only Discord ends a session: op 9 d=false, 4007, 4009 and the other close codes whose recovery is
 * IDENTIFY. A connect that fails before the server spoke (TCP refused, handshake failure, no HELLO) is no answer
 * about the session, so the shard keeps resuming with capped, jittered backoff; after {@link
 * #MAX_FAILED_CONNECTS} of those in a row it resumes through the /gateway/bot url instead of resume_gateway_url.
 * Only resumes that reached Discord and still failed {@link #MAX_FAILED_RESUMES} times in a row give the session
 * up ({@link SessionEnd.Reason#RESUME_FAILED}).
 *
 * <p>One per shard, used on its event loop; not thread-safe. Time comes in as arguments.
 */
public final class ReconnectPolicy {
    /** Failed connects in a row before resuming through the gateway url. */
    public static final int MAX_FAILED_CONNECTS = 3;
    /** Resumes in a row that reached Discord but never went live before giving the session up. */
    public static final int MAX_FAILED_RESUMES = 3;

    private final ReconnectBackoff backoff;
    private int failedConnects;
    private int failedResumes;

    public ReconnectPolicy(ReconnectBackoff backoff) {
        this.backoff = backoff;
    }

    /** The session became live (READY or RESUMED) at {@code now}: every count starts over. */
    public void sessionLive(Instant now) {
        failedConnects = 0;
        failedResumes = 0;
        backoff.sessionStarted(now);
    }

    /** A connection ended at {@code now}: what next. */
    public ReconnectDecision decide(ConnectionEnd end, Attempt attempt, Instant now) {
        Recovery recovery = end.recovery();
        String why = end.reason();
        if (recovery == Recovery.STOP) {
            return new ReconnectDecision(
                    Recovery.STOP, false, Duration.ZERO, why, null, CloseCode.fromCode(end.closeCode()));
        }
        SessionEnd.@Nullable Reason ends = null;
        if (recovery == Recovery.IDENTIFY) {
            ends = attempt.hasSession() ? end.sessionEnd() : null;
        } else if (!attempt.hasSession()) {
            recovery = Recovery.IDENTIFY; // nothing to resume (never READY, or the session was ended)
        } else if (!attempt.reachedServer()) {
            failedConnects++;
        } else if (attempt.sentResume() && !attempt.wentLive() && ++failedResumes >= MAX_FAILED_RESUMES) {
            recovery = Recovery.IDENTIFY;
            ends = SessionEnd.Reason.RESUME_FAILED;
            why += "; " + MAX_FAILED_RESUMES + " resume attempts failed";
        }
        if (recovery == Recovery.IDENTIFY) {
            failedConnects = 0;
            failedResumes = 0;
        }
        Duration planned = end.delay();
        Duration delay = planned != null ? planned : backoff.nextDelay(now);
        boolean viaGateway = recovery == Recovery.IDENTIFY || failedConnects >= MAX_FAILED_CONNECTS;
        if (recovery == Recovery.RESUME && failedConnects >= MAX_FAILED_CONNECTS) {
            why += "; " + failedConnects + " connects failed, resuming through the gateway url";
        }
        return new ReconnectDecision(recovery, viaGateway, delay, why, ends, null);
    }

    /** Failed connects in a row since the session was last live (for tests and status). */
    public int failedConnects() {
        return failedConnects;
    }
}
