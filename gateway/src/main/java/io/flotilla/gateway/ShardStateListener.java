package io.flotilla.gateway;

/**
 * Observes a shard's state changes. Called on the shard's event loop, in order; must return quickly and not
 * block. An exception it throws is logged and does not affect the shard.
 */
@FunctionalInterface
public interface ShardStateListener {
    void onChange(StateChange change);
}
