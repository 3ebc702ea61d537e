package io.flotilla.gateway;

import io.flotilla.protocol.ShardId;

/**
 * Watches every shard of a {@link ShardGroup} for what an operator counts: state changes, how connections end and
 * zombie connections. The node binds it to metrics and logs; the gateway knows no metrics library. Called on the
 * shard's event loop, in order; must return at once and not block. An exception it throws from {@link
 * #stateChanged} is logged and does not affect the shard.
 */
public interface ShardObserver {
    /** Observes nothing. */
    ShardObserver NONE = new ShardObserver() {};

    /** A shard changed state (also given to the shard's {@link ShardStateListener}s). */
    default void stateChanged(StateChange change) {}

    /**
     * A connection of {@code shard} ended.
     *
     * @param closeCode the server's close code, or -1 when the server sent none (a cut, a refused connect, or a
     *     close the shard made on purpose: zombie, op 7, op 9, hand-off)
     */
    default void connectionClosed(ShardId shard, int closeCode) {}

    /** A heartbeat was due and the previous one was never ACKed: the connection is closed and resumed. */
    default void zombie(ShardId shard) {}
}
