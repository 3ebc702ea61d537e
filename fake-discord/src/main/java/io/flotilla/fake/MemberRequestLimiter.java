package io.flotilla.fake;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bot-wide limit on full member lists (GATEWAY.md 6): one {@code query:"", limit:0} request per guild per
 * cooldown. Shared by all shard hubs; thread-safe.
 */
final class MemberRequestLimiter {

    private final InstantSource clock;
    private final Duration cooldown;
    private final Map<String, Instant> lastFullRequest = new ConcurrentHashMap<>();

    MemberRequestLimiter(InstantSource clock, Duration cooldown) {
        this.clock = clock;
        this.cooldown = cooldown;
    }

    /** Zero when the request may run (and is counted), else the seconds until it may. */
    double tryFullRequest(String guildId) {
        Instant now = clock.instant();
        double[] retryAfter = {0};
        lastFullRequest.compute(guildId, (id, last) -> {
            if (last != null && now.isBefore(last.plus(cooldown))) {
                retryAfter[0] = Duration.between(now, last.plus(cooldown)).toMillis() / 1000.0;
                return last;
            }
            return now;
        });
        return retryAfter[0];
    }
}
