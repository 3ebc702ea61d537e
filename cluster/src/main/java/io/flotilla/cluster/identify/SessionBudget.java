package io.flotilla.cluster.identify;

import java.time.Duration;
import java.time.Instant;

/**
 * The bot's daily session-start budget as {@code GET /gateway/bot} reports it ({@code session_start_limit}, GATEWAY.md
 * section 1), with {@code reset_after} turned into an instant. A value.
 *
 * @param total starts allowed per window (1000 for most bots)
 * @param remaining starts left in the current window
 * @param resetAt when the window resets and {@code remaining} is {@code total} again
 */
public record SessionBudget(int total, int remaining, Instant resetAt) {
    public SessionBudget {
        if (total < 0 || remaining < 0 || remaining > total) {
            throw new IllegalArgumentException("session start limit must have 0 <= remaining <= total, got remaining "
                    + remaining + " of " + total);
        }
    }

    /** From the fields of {@code /gateway/bot}, read at {@code now}. */
    public static SessionBudget seenAt(int total, int remaining, long resetAfterMillis, Instant now) {
        return new SessionBudget(total, remaining, now.plusMillis(Math.max(0, resetAfterMillis)));
    }

    /** How long until the reset, from {@code now} (zero when past). */
    public Duration resetsIn(Instant now) {
        Duration left = Duration.between(now, resetAt);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
