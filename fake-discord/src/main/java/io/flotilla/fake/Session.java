package io.flotilla.fake;

import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * One gateway session: its id, what it asked for in IDENTIFY, its dispatch stream, and the connection it is
 * attached to, if any. Lives from IDENTIFY until a 1000/1001 close, an op 9 false, a buffer overflow or the
 * end of its retention after a detach.
 *
 * <p>Owned by its {@link ShardHub}: every field but {@link #ring()}'s readable part is touched only on the
 * hub's thread.
 */
final class Session {

    // identity, fixed at IDENTIFY
    private final String id;
    private final ShardHub hub;
    private final int intents;
    private final int largeThreshold;
    private final DispatchRing ring;

    // mutable state, hub thread only
    private @Nullable GatewayConnection connection;
    private @Nullable ScheduledFuture<?> expiry;
    private boolean destroyed;

    Session(String id, ShardHub hub, int intents, int largeThreshold, int bufferSize) {
        this.id = id;
        this.hub = hub;
        this.intents = intents;
        this.largeThreshold = largeThreshold;
        this.ring = new DispatchRing(bufferSize);
    }

    String id() {
        return id;
    }

    ShardHub hub() {
        return hub;
    }

    int intents() {
        return intents;
    }

    int largeThreshold() {
        return largeThreshold;
    }

    DispatchRing ring() {
        return ring;
    }

    /** Whether the session receives a dispatch that needs these intent bits (all of them). */
    boolean receives(int requiredIntents) {
        return (requiredIntents & ~intents) == 0;
    }

    @Nullable
    GatewayConnection connection() {
        return connection;
    }

    void connection(@Nullable GatewayConnection value) {
        this.connection = value;
    }

    void expiry(@Nullable ScheduledFuture<?> value) {
        if (expiry != null) {
            expiry.cancel(false);
        }
        this.expiry = value;
    }

    boolean destroyed() {
        return destroyed;
    }

    void destroy() {
        destroyed = true;
        expiry(null);
    }
}
