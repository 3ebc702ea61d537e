package io.flotilla.fake;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bot-wide limit on full member lists (GATEWAY.md 6): one {@code query:"", limit:0} request per guild per
 * cooldown (real: 30 s), across every shard and connection of the bot; other guilds inside the window are fine.
 * A refused request does not restart the window, and only the request is limited, never the chunks it gets.
 * Shared by all shard hubs; thread-safe.
 */
final class MemberRequestLimiter {

    private final InstantSource clock;
    private final Duration cooldown;
    private final Map<String, Instant> lastServed = new ConcurrentHashMap<>();

    MemberRequestLimiter(InstantSource clock, Duration cooldown) {
        this.clock = clock;
        this.cooldown = cooldown;
    }

    /**
     * Empty when the request may run (and it is counted from now), else how long until the guild may be asked
     * again: what RATE_LIMITED's {@code retry_after} says.
     */
    Optional<Duration> tryFullRequest(String guildId) {
        Instant now = clock.instant();
        Duration[] retryAfter = {null};
        lastServed.compute(guildId, (id, last) -> {
            if (last != null && now.isBefore(last.plus(cooldown))) {
                retryAfter[0] = Duration.between(now, last.plus(cooldown));
                return last;
            }
            return now;
        });
        return Optional.ofNullable(retryAfter[0]);
    }

    /** {@code retry_after} is seconds as a float (GATEWAY.md 6), to the millisecond, never 0 while limited. */
    static double seconds(Duration retryAfter) {
        return Math.max(1, Math.ceilDiv(retryAfter.toNanos(), 1_000_000L)) / 1000.0;
    }
}
