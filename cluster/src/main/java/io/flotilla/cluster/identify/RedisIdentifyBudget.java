package io.flotilla.cluster.identify;

import io.flotilla.worker.Keys;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The session-start budget in Redis ({@link Keys#budget()}: {@code total}, {@code remaining}, {@code reset_at} in
 * epoch ms). Each node records what it sees at {@code /gateway/bot}; {@link IdentifyTurns} decrements it per
 * identify. Two nodes reading {@code /gateway/bot} at different moments see different counts, so a report for the
 * same window (reset within a minute of the stored one) keeps the smaller {@code remaining}: a stale higher count
 * never undoes the identifies counted since. A report for another window replaces the record. Thread-safe.
 */
public final class RedisIdentifyBudget {
    private static final String RECORD = """
            local storedReset = tonumber(redis.call('HGET', KEYS[1], 'reset_at') or '-1')
            local storedRemaining = tonumber(redis.call('HGET', KEYS[1], 'remaining') or '-1')
            local reset = tonumber(ARGV[3])
            local remaining = tonumber(ARGV[2])
            if storedReset >= 0 and math.abs(storedReset - reset) < 60000 and storedRemaining >= 0
                and storedRemaining < remaining then
              remaining = storedRemaining
            end
            redis.call('HSET', KEYS[1], 'total', ARGV[1], 'remaining', remaining, 'reset_at', ARGV[3])
            return remaining
            """;

    private final RedisAsyncCommands<String, String> redis;
    private final Keys keys;

    public RedisIdentifyBudget(StatefulRedisConnection<String, String> connection, Keys keys) {
        this.redis = connection.async();
        this.keys = keys;
    }

    /** Records what {@code /gateway/bot} said; completes with the {@code remaining} now stored. */
    public CompletionStage<Long> record(SessionBudget seen) {
        return redis.<Long>eval(
                RECORD,
                ScriptOutputType.INTEGER,
                new String[] {keys.budget()},
                Integer.toString(seen.total()),
                Integer.toString(seen.remaining()),
                Long.toString(seen.resetAt().toEpochMilli()));
    }

    /** The stored budget, or empty when none was recorded. */
    public CompletionStage<Optional<SessionBudget>> read() {
        return redis.hgetall(keys.budget()).thenApply(RedisIdentifyBudget::parse);
    }

    /** The budget a stored hash holds, or empty when it holds none. */
    public static Optional<SessionBudget> parse(Map<String, String> fields) {
        String total = fields.get("total");
        String remaining = fields.get("remaining");
        String resetAt = fields.get("reset_at");
        if (total == null || remaining == null || resetAt == null) {
            return Optional.empty();
        }
        return Optional.of(new SessionBudget(
                Integer.parseInt(total),
                Math.min(Integer.parseInt(total), Integer.parseInt(remaining)),
                Instant.ofEpochMilli(Long.parseLong(resetAt))));
    }
}
