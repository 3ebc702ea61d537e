package io.flotilla.gateway.policy;

import io.flotilla.gateway.SessionEnd;
import io.flotilla.protocol.CloseCode;
import io.flotilla.protocol.Recovery;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Why one connection of a shard ended: the server's close code, or what the shard planned when it closed on
 * purpose (zombie, op 7, op 9, a sink's "continue from"), or a connection that never got that far. A value; the
 * input of {@link ReconnectPolicy}.
 *
 * @param closeCode the server's close code, or -1 when there was no close frame from the server
 * @param reason why, for logs and state changes (never a secret)
 * @param planned what the shard decided when it closed on purpose, or null
 * @param delay the delay the shard planned (op 7: none; op 9 false: 1 to 5 s), or null for the backoff
 * @param endsSession why the session is over when the shard planned a new identify (op 9 false), or null
 */
public record ConnectionEnd(
        int closeCode,
        String reason,
        @Nullable Recovery planned,
        @Nullable Duration delay,
        SessionEnd.@Nullable Reason endsSession) {

    /** The server closed with {@code code}. */
    public static ConnectionEnd closedByServer(int code) {
        return new ConnectionEnd(code, "close " + code + ": " + CloseCode.explain(code), null, null, null);
    }

    /** No close frame: a TCP cut, a refused connect, a failed handshake. Section 4: resume. */
    public static ConnectionEnd dropped(String reason) {
        return new ConnectionEnd(-1, reason, null, null, null);
    }

    /** The shard closed on purpose and decided what comes next. */
    public static ConnectionEnd planned(
            String reason, Recovery then, @Nullable Duration delay, SessionEnd.@Nullable Reason endsSession) {
        return new ConnectionEnd(-1, reason, then, delay, endsSession);
    }

    /** What this end calls for before any fallback: the plan, else the close code's recovery, else RESUME. */
    public Recovery recovery() {
        if (planned != null) {
            return planned;
        }
        return closeCode > 0 ? CloseCode.recoveryFor(closeCode) : Recovery.RESUME;
    }

    /** Why the session is over, when this end calls for a new identify; null otherwise. */
    public SessionEnd.@Nullable Reason sessionEnd() {
        if (planned != null) {
            return planned == Recovery.IDENTIFY ? endsSession : null;
        }
        return closeCode > 0 ? SessionEnd.Reason.ofClose(closeCode) : null;
    }
}
