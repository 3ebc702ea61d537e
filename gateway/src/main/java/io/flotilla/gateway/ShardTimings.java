package io.flotilla.gateway;

import java.time.Duration;

/**
 * The timing knobs of a shard. A value; {@link #defaults()} follows Discord's numbers, tests shrink them keeping
 * the ratios.
 *
 * @param backoffBase first reconnect delay ceiling (doubles per failed attempt)
 * @param backoffMax reconnect delay cap
 * @param healthyAfter a session live this long resets the backoff
 * @param invalidSessionMin least delay before identifying after op 9 false (GATEWAY.md section 5.6: 1 to 5 s)
 * @param invalidSessionMax most delay before identifying after op 9 false
 * @param sendWindow the window of Discord's send limit (60 s, section 6)
 * @param commandsPerWindow commands allowed per window (110 of Discord's 120; the rest is for heartbeats)
 * @param commandQueueCapacity commands waiting for budget before {@link Shard#send} refuses more
 * @param connectTimeout TCP connect and WebSocket handshake limit (and the wait for HELLO)
 * @param handOffTimeout how long a hand-off waits for the sink to commit before handing over what is committed
 */
public record ShardTimings(
        Duration backoffBase,
        Duration backoffMax,
        Duration healthyAfter,
        Duration invalidSessionMin,
        Duration invalidSessionMax,
        Duration sendWindow,
        int commandsPerWindow,
        int commandQueueCapacity,
        Duration connectTimeout,
        Duration handOffTimeout) {
    public ShardTimings {
        if (invalidSessionMax.compareTo(invalidSessionMin) < 0) {
            throw new IllegalArgumentException("invalidSessionMax must not be below invalidSessionMin");
        }
        if (commandsPerWindow < 1 || commandsPerWindow > 118) {
            throw new IllegalArgumentException("commandsPerWindow must be in [1, 118] to leave room for heartbeats"
                    + " within Discord's 120, got " + commandsPerWindow);
        }
    }

    public static ShardTimings defaults() {
        return new ShardTimings(
                Duration.ofSeconds(1),
                Duration.ofSeconds(60),
                Duration.ofSeconds(60),
                Duration.ofSeconds(1),
                Duration.ofSeconds(5),
                Duration.ofSeconds(60),
                110,
                1000,
                Duration.ofSeconds(10),
                Duration.ofSeconds(10));
    }

    public ShardTimings withSendWindow(Duration window) {
        return new ShardTimings(
                backoffBase,
                backoffMax,
                healthyAfter,
                invalidSessionMin,
                invalidSessionMax,
                window,
                commandsPerWindow,
                commandQueueCapacity,
                connectTimeout,
                handOffTimeout);
    }

    public ShardTimings withBackoff(Duration base, Duration max, Duration invalidMin, Duration invalidMax) {
        return new ShardTimings(
                base,
                max,
                healthyAfter,
                invalidMin,
                invalidMax,
                sendWindow,
                commandsPerWindow,
                commandQueueCapacity,
                connectTimeout,
                handOffTimeout);
    }

    public ShardTimings withHandOffTimeout(Duration timeout) {
        return new ShardTimings(
                backoffBase,
                backoffMax,
                healthyAfter,
                invalidSessionMin,
                invalidSessionMax,
                sendWindow,
                commandsPerWindow,
                commandQueueCapacity,
                connectTimeout,
                timeout);
    }
}
