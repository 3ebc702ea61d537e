package io.flotilla.node;

import io.flotilla.fake.CommandRecord;
import io.flotilla.fake.ConnectionEnd;
import io.flotilla.fake.ConnectionRecord;
import io.flotilla.gateway.ShardTimings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The second receptions of a command the promise allows ({@link CommandChecks}; docs/redis-protocol.md "Command
 * delivery"): the node that wrote it lost it before its entry's deletion, because the node stopped without warning
 * or because the connection ended before Discord's reading of it was proven. Rules on two receptions of one
 * command, as the fake logged them. Static.
 */
final class CommandRepeats {
    /**
     * How long after the fake read a command its entry may still be in its stream: its proof of receipt comes with
     * the next heartbeat ACK (a receipt beat at most one receipt interval later, the timer's beat, every second in
     * the soak, sooner), then its deletion takes a round trip to Redis (longer under the soak's 150 ms delay or
     * 1.5 s hold of Redis traffic). A node stopped, or a connection ended, that soon after may send it twice.
     */
    static final Duration REACH = ShardTimings.RECEIPT_INTERVAL.plusSeconds(2);
    /** Slack for a stop logged just before the fake recorded the command its victim had already written. */
    private static final Duration SLACK = Duration.ofMillis(250);

    private CommandRepeats() {}

    /** Two receptions on two connections, a node stopped without warning at most {@link #REACH} after the first. */
    static boolean afterAStop(List<CommandRecord> got, List<Instant> stops) {
        CommandRecord first = got.get(0).at().isAfter(got.get(1).at()) ? got.get(1) : got.get(0);
        CommandRecord second = first == got.get(0) ? got.get(1) : got.get(0);
        return first.connectionId() != second.connectionId()
                && stops.stream()
                        .anyMatch(stop -> !stop.isBefore(first.at().minus(SLACK))
                                && !stop.isAfter(first.at().plus(REACH))
                                && stop.isBefore(second.at()));
    }

    /**
     * Two receptions on two connections, the first one's connection ended (a drop, a close of the fake's chaos, a
     * zombie: anything but the node's hand-off or shutdown close, which waits for the fake's answer that proves
     * receipt) at most {@link #REACH} after the first reception and before the second.
     */
    static boolean afterTheConnectionEnded(List<CommandRecord> got, Map<Long, ConnectionRecord> connections) {
        CommandRecord first = got.get(0).at().isAfter(got.get(1).at()) ? got.get(1) : got.get(0);
        CommandRecord second = first == got.get(0) ? got.get(1) : got.get(0);
        ConnectionRecord ended = connections.get(first.connectionId());
        Instant closedAt = ended == null ? null : ended.closedAt();
        return ended != null
                && closedAt != null
                && first.connectionId() != second.connectionId()
                && !(ended.end() == ConnectionEnd.CLIENT_CLOSED
                        && (ended.closeCode() == 4901 || ended.closeCode() == 1000))
                && !closedAt.isAfter(first.at().plus(REACH))
                && !closedAt.isAfter(second.at());
    }
}
