package io.flotilla.gateway;

import io.flotilla.protocol.ShardId;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a shard's current state, validates each transition against {@link ShardState#canMoveTo} and tells the
 * listeners. Owned by one shard; {@link #moveTo} runs on the shard's event loop only, {@link #current()} may be
 * read from any thread.
 */
final class ShardStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(ShardStateMachine.class);

    private final ShardId shard;
    private final InstantSource clock;
    private final List<ShardStateListener> listeners = new CopyOnWriteArrayList<>();
    private volatile ShardState current = ShardState.NEW;

    ShardStateMachine(ShardId shard, InstantSource clock) {
        this.shard = shard;
        this.clock = clock;
    }

    ShardState current() {
        return current;
    }

    void addListener(ShardStateListener listener) {
        listeners.add(listener);
    }

    /** Moves to {@code to}; a move to the current state is a no-op. */
    void moveTo(ShardState to, String reason) {
        ShardState from = current;
        if (from == to) {
            return;
        }
        if (!from.canMoveTo(to)) {
            throw new IllegalStateException(
                    "shard " + shard + " cannot move from " + from + " to " + to + " (" + reason + ")");
        }
        current = to;
        StateChange change = new StateChange(shard, from, to, clock.instant(), reason);
        LOG.debug("shard {} {} -> {}: {}", shard, from, to, reason);
        for (ShardStateListener listener : listeners) {
            try {
                listener.onChange(change);
            } catch (RuntimeException e) {
                LOG.warn("shard {} state listener failed on {} -> {}", shard, from, to, e);
            }
        }
    }
}
