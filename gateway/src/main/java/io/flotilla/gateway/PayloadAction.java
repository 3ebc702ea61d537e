package io.flotilla.gateway;

import io.flotilla.gateway.policy.ConnectionEnd;
import io.flotilla.protocol.json.Envelope;
import java.time.Duration;

/**
 * What a shard does about one payload from the server, as decided by {@link PayloadRules} and carried out by the
 * {@link ShardDriver}. Values; the envelope of a {@link Deliver} is valid only while it is handled.
 */
sealed interface PayloadAction {
    /** Nothing to do (an undocumented op, a HELLO on a connection that already had one). */
    record Ignore(String why) implements PayloadAction {}

    /** HELLO: start heartbeating every {@code interval}, then RESUME the held session or identify. */
    record Hello(Duration interval, boolean resume) implements PayloadAction {}

    /** Op 1: the server wants a heartbeat now. */
    record BeatNow() implements PayloadAction {}

    /** Op 11: the last heartbeat was acknowledged. */
    record Acknowledge() implements PayloadAction {}

    /** Op 7 or op 9: close this connection with the shard's resumable code, then do what {@code end} says. */
    record Reconnect(ConnectionEnd end) implements PayloadAction {}

    /** Op 0: update the seq, go live on READY/RESUMED, hand the dispatch to the sink. */
    record Deliver(Envelope dispatch, Live live) implements PayloadAction {}

    /** Whether a dispatch makes the session live. */
    enum Live {
        NO,
        /** READY while identifying: a new session starts. */
        READY,
        /** RESUMED while resuming: the replay is over. */
        RESUMED
    }
}
