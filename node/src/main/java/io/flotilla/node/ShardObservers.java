package io.flotilla.node;

import io.flotilla.gateway.ShardObserver;
import io.flotilla.gateway.StateChange;
import io.flotilla.protocol.ShardId;
import java.util.List;

/**
 * Several {@link ShardObserver}s as one (the gateway takes one): each is told in order; one that throws does not
 * keep the next from being told. A value; thread-safe as its observers are.
 *
 * @param observers told in this order
 */
record ShardObservers(List<ShardObserver> observers) implements ShardObserver {
    ShardObservers {
        observers = List.copyOf(observers);
    }

    static ShardObserver of(ShardObserver... observers) {
        return new ShardObservers(List.of(observers));
    }

    @Override
    public void stateChanged(StateChange change) {
        RuntimeException first = null;
        for (ShardObserver observer : observers) {
            try {
                observer.stateChanged(change);
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first; // the state machine logs it
        }
    }

    @Override
    public void connectionClosed(ShardId shard, int closeCode) {
        observers.forEach(observer -> observer.connectionClosed(shard, closeCode));
    }

    @Override
    public void zombie(ShardId shard) {
        observers.forEach(observer -> observer.zombie(shard));
    }
}
