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
 * @param commandsPerWindow payloads per window for commands and their receipt beats (110 of Discord's 120; the rest
 *     is for the timer's heartbeats, identify and resume): commands get {@link #commandSlots()} of them
 * @param commandQueueCapacity commands waiting for budget before {@link Shard#send} refuses more
 * @param connectTimeout TCP connect and WebSocket handshake limit (and the wait for HELLO)
 * @param handOffTimeout how long a hand-off waits for the sink to commit before handing over what is committed
 * @param receiptInterval the least time between two receipt beats: an extra heartbeat after commands went out,
 *     whose ACK proves Discord read them (a command's future completes only then). 5 s by default: a node that
 *     dies sends again at most the last few seconds' commands, and at Discord's 60 s window the receipt beats
 *     take at most 13 of the 110 slots ({@link #receiptBeatsPerWindow()})
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
        Duration handOffTimeout,
        Duration receiptInterval) {
    /** The default {@link #receiptInterval}. */
    public static final Duration RECEIPT_INTERVAL = Duration.ofSeconds(5);

    public ShardTimings {
        if (invalidSessionMax.compareTo(invalidSessionMin) < 0) {
            throw new IllegalArgumentException("invalidSessionMax must not be below invalidSessionMin");
        }
        if (commandsPerWindow < 1 || commandsPerWindow > 118) {
            throw new IllegalArgumentException("commandsPerWindow must be in [1, 118] to leave room for heartbeats"
                    + " within Discord's 120, got " + commandsPerWindow);
        }
        if (receiptInterval.isNegative() || receiptInterval.isZero()) {
            throw new IllegalArgumentException("receiptInterval must be positive, got " + receiptInterval);
        }
        if (commandsPerWindow <= receiptBeats(sendWindow, receiptInterval)) {
            throw new IllegalArgumentException("commandsPerWindow (" + commandsPerWindow + ") leaves no slot for"
                    + " commands beside " + receiptBeats(sendWindow, receiptInterval) + " receipt beats per "
                    + sendWindow.toMillis() + " ms window: raise it or the receiptInterval");
        }
    }

    /** At most one receipt beat per interval: in a window of W, at most floor(W / interval) + 1 of them. */
    private static int receiptBeats(Duration window, Duration interval) {
        return (int) Math.min(Integer.MAX_VALUE, window.toNanos() / interval.toNanos() + 1);
    }

    /** How many of the {@link #commandsPerWindow} slots receipt beats may take at most (13 by default). */
    public int receiptBeatsPerWindow() {
        return receiptBeats(sendWindow, receiptInterval);
    }

    /** The slots per window left for commands once the receipt beats took theirs (97 by default). */
    public int commandSlots() {
        return commandsPerWindow - receiptBeatsPerWindow();
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
                Duration.ofSeconds(10),
                RECEIPT_INTERVAL);
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
                handOffTimeout,
                receiptInterval);
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
                handOffTimeout,
                receiptInterval);
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
                timeout,
                receiptInterval);
    }

    public ShardTimings withReceiptInterval(Duration interval) {
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
                handOffTimeout,
                interval);
    }
}
