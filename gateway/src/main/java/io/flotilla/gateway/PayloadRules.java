package io.flotilla.gateway;

import io.flotilla.gateway.PayloadAction.Live;
import io.flotilla.gateway.policy.ConnectionEnd;
import io.flotilla.protocol.Opcode;
import io.flotilla.protocol.Recovery;
import io.flotilla.protocol.json.ControlData;
import io.flotilla.protocol.json.Envelope;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The answer to each payload the server sends (GATEWAY.md sections 5.1 to 5.7), as a value: HELLO starts the
 * heartbeat and RESUME or IDENTIFY; op 1 and 11 feed the heartbeat; op 7 and op 9 end the connection with a
 * planned recovery; dispatches go to the sink. Op 7 is honoured in every state, also before HELLO (section 5.1):
 * it resumes when there is a session and identifies otherwise, never crashes or stalls the shard. Pure and
 * stateless: the shard's state and the invalid-session jitter come in as arguments.
 */
final class PayloadRules {
    private PayloadRules() {}

    /**
     * @param state the shard's state when the payload arrived
     * @param hasSession the shard holds a session it can resume
     * @param invalidSessionDelay the wait before identifying after op 9 false (1 to 5 s, jittered by the caller)
     */
    static PayloadAction decide(Envelope envelope, ShardState state, boolean hasSession, Duration invalidSessionDelay) {
        Opcode op = Opcode.fromCode(envelope.op());
        if (op == null) {
            return new PayloadAction.Ignore("undocumented op " + envelope.op());
        }
        return switch (op) {
            case HELLO ->
                state == ShardState.CONNECTING
                        ? new PayloadAction.Hello(
                                Duration.ofMillis(ControlData.heartbeatInterval(envelope)), hasSession)
                        : new PayloadAction.Ignore("a second HELLO");
            case HEARTBEAT -> new PayloadAction.BeatNow();
            case HEARTBEAT_ACK -> new PayloadAction.Acknowledge();
            case RECONNECT -> reconnect(state);
            case INVALID_SESSION -> invalidSession(envelope.dataIsTrue(), state, hasSession, invalidSessionDelay);
            case DISPATCH -> new PayloadAction.Deliver(envelope, live(envelope.type(), state));
            default -> new PayloadAction.Ignore("op " + op + " from the server");
        };
    }

    private static PayloadAction reconnect(ShardState state) {
        // Before HELLO nothing was sent yet: reconnect after the backoff, so a server that answers every new
        // socket with op 7 cannot spin the shard in a tight loop. RESUME becomes IDENTIFY when there is no session.
        @Nullable Duration delay = state == ShardState.CONNECTING ? null : Duration.ZERO;
        String where = state == ShardState.CONNECTING ? " before HELLO" : "";
        return new PayloadAction.Reconnect(
                ConnectionEnd.planned("op 7 reconnect" + where, Recovery.RESUME, delay, null));
    }

    private static PayloadAction invalidSession(
            boolean resumable, ShardState state, boolean hasSession, Duration delay) {
        if (resumable && hasSession) {
            return new PayloadAction.Reconnect(
                    ConnectionEnd.planned("op 9 (resumable)", Recovery.RESUME, Duration.ZERO, null));
        }
        SessionEnd.Reason why =
                state == ShardState.RESUMING ? SessionEnd.Reason.RESUME_REFUSED : SessionEnd.Reason.INVALIDATED;
        String reason = state == ShardState.RESUMING ? "op 9: resume refused" : "op 9: session invalid";
        return new PayloadAction.Reconnect(
                ConnectionEnd.planned(reason + "; identifying again", Recovery.IDENTIFY, delay, why));
    }

    private static Live live(@Nullable String type, ShardState state) {
        if ("READY".equals(type) && state == ShardState.IDENTIFYING) {
            return Live.READY;
        }
        if ("RESUMED".equals(type) && state == ShardState.RESUMING) {
            return Live.RESUMED;
        }
        return Live.NO;
    }
}
