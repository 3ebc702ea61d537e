package io.flotilla.gateway;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of a shard (GATEWAY.md section 5) and which transitions are legal. Immutable.
 *
 * <p>NEW → CONNECTING → IDENTIFYING or RESUMING → READY; any live state → RECONNECTING → CONNECTING; any
 * non-final state → STOPPING → STOPPED, or → FAILED when a close code says retrying cannot help.
 */
public enum ShardState {
    /** Created, not started. */
    NEW,
    /** Opening the socket and the WebSocket handshake, waiting for HELLO. */
    CONNECTING,
    /** HELLO received; waiting for an identify slot, then for READY. */
    IDENTIFYING,
    /** HELLO received, RESUME sent; replayed events arrive until RESUMED. */
    RESUMING,
    /** The session is live. */
    READY,
    /** The connection ended; waiting for the backoff before connecting again. */
    RECONNECTING,
    /** A shutdown or hand-off is closing the connection. */
    STOPPING,
    /** Stopped on request. Final. */
    STOPPED,
    /** Stopped by a fatal close code or error; see the shard's failure. Final. */
    FAILED;

    public boolean canMoveTo(ShardState to) {
        Set<ShardState> next = switch (this) {
            case NEW -> EnumSet.of(CONNECTING, STOPPING, STOPPED);
            case CONNECTING -> EnumSet.of(IDENTIFYING, RESUMING, RECONNECTING, STOPPING, FAILED);
            case IDENTIFYING, RESUMING -> EnumSet.of(READY, RECONNECTING, STOPPING, FAILED);
            case READY -> EnumSet.of(RECONNECTING, STOPPING, FAILED);
            case RECONNECTING -> EnumSet.of(CONNECTING, STOPPING, FAILED);
            case STOPPING -> EnumSet.of(STOPPED, FAILED);
            case STOPPED, FAILED -> EnumSet.noneOf(ShardState.class);
        };
        return next.contains(to);
    }

    public boolean isFinal() {
        return this == STOPPED || this == FAILED;
    }

    /** True while a socket is open or opening. */
    public boolean isConnected() {
        return this == CONNECTING || this == IDENTIFYING || this == RESUMING || this == READY;
    }
}
