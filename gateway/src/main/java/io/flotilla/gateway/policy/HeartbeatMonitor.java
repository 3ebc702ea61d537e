package io.flotilla.gateway.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * Heartbeat bookkeeping of one connection (GATEWAY.md section 5.2): the first beat after interval × jitter, ACK
 * tracking, zombie detection and latency as the round trip of the beat each ACK answers. Discord answers beats in
 * order, so each op 11 answers the oldest unanswered beat. Besides the timer's beats (and those the server asks
 * for) there are extra beats, the command receipts' ({@code CommandReceipts}), sent at any time: so the zombie rule
 * is not "the previous beat is unanswered" but "the oldest unanswered beat went out no later than the previous
 * timer beat", i.e. it has had at least one whole interval; an extra beat still in flight when the timer fires is
 * judged on the next run. Judged by the time elapsed since the last timer beat was sent, never by timer runs:
 * after a stall a fixed-rate timer runs twice back to back, and the second run must not take the first one's
 * beat, sent a moment ago, for an unanswered one. One per connection, used on its event loop; not thread-safe.
 */
public final class HeartbeatMonitor {
    /** What to do when the heartbeat timer fires. */
    public enum Beat {
        /** Send a heartbeat now. */
        SEND,
        /** A beat has gone unanswered for a whole interval: close with a resumable code and resume. */
        ZOMBIE,
        /**
         * Too early: the last timer beat went out less than half an interval ago (a fixed-rate timer catching up
         * after an event-loop stall, or a beat the server asked for). Neither send nor judge; the next run decides.
         */
        WAIT
    }

    private final Duration interval;
    /** When each beat not yet ACKed went out, oldest first. */
    private final ArrayDeque<Instant> unanswered = new ArrayDeque<>(2);
    /** Reading was paused (backpressure) at some point since the last beat, so a missing ACK proves nothing. */
    private boolean blind;

    /** The last beat of the timer or of a server request (extra beats leave it). */
    private @Nullable Instant lastTimerBeat;

    private @Nullable Duration latency;

    public HeartbeatMonitor(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("heartbeat interval must be positive, got " + interval);
        }
        this.interval = interval;
    }

    public Duration interval() {
        return interval;
    }

    /** The delay of the first beat: interval × jitter, jitter uniform in [0, 1) (section 14 item 1). */
    public Duration firstDelay(double jitter) {
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1), got " + jitter);
        }
        return Duration.ofNanos((long) (interval.toNanos() * jitter));
    }

    /**
     * The timer fired at {@code now}: too early if the last timer beat went out less than half an interval ago,
     * a zombie if a beat sent no later than the previous timer beat is unanswered, otherwise a beat is recorded.
     * While the socket is not being read (backpressure), or was not at some point since the last beat, an ACK
     * may be sitting unread, so no verdict is given and the beat goes out anyway.
     *
     * @param readingPausedNow the connection is not reading its socket right now
     */
    public Beat onTimer(Instant now, boolean readingPausedNow) {
        Instant last = lastTimerBeat;
        if (last != null && Duration.between(last, now).compareTo(interval.dividedBy(2)) < 0) {
            blind |= readingPausedNow;
            return Beat.WAIT;
        }
        boolean acksVisible = !blind && !readingPausedNow;
        blind = readingPausedNow;
        Instant oldest = unanswered.peekFirst();
        if (acksVisible && oldest != null && last != null && !oldest.isAfter(last)) {
            return Beat.ZOMBIE;
        }
        beatSent(now);
        return Beat.SEND;
    }

    /** The connection stopped reading its socket (the sink is full). */
    public void readingPaused() {
        blind = true;
    }

    /** A beat went out at {@code now} on the timer, or on the server's request. */
    public void beatSent(Instant now) {
        lastTimerBeat = now;
        extraBeatSent(now);
    }

    /** An extra beat (a command receipt's) went out at {@code now}; the timer's schedule is unchanged. */
    public void extraBeatSent(Instant now) {
        unanswered.add(now);
    }

    /** An op 11 ACK arrived at {@code now}: it answers the oldest unanswered beat. */
    public void ackReceived(Instant now) {
        Instant sent = unanswered.poll();
        if (sent != null) {
            latency = Duration.between(sent, now);
        }
    }

    /** Round trip of the last ACKed beat, or null before the first ACK. */
    public @Nullable Duration latency() {
        return latency;
    }
}
