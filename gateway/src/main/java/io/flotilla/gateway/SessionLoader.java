package io.flotilla.gateway;

import io.flotilla.gateway.policy.ReconnectBackoff;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a shard's stored session when it starts, retrying with capped, jittered backoff while the store is down:
 * identifying instead would throw away a session Discord still holds (issue 12 item 6). Owned by one {@link
 * ShardDriver}; runs on its event loop.
 */
final class SessionLoader {
    private static final Logger LOG = LoggerFactory.getLogger(SessionLoader.class);

    private final ShardConfig config;
    private final SessionStore store;
    private final EventLoop loop;
    private final InstantSource clock;
    private final ReconnectBackoff backoff;
    private @Nullable ScheduledFuture<?> retry;

    SessionLoader(
            ShardConfig config, SessionStore store, EventLoop loop, InstantSource clock, ReconnectBackoff backoff) {
        this.config = config;
        this.store = store;
        this.loop = loop;
        this.clock = clock;
        this.backoff = backoff;
    }

    /** Loads until it succeeds, while {@code stillWanted}; hands the result (null: none) to {@code loaded}. */
    void load(BooleanSupplier stillWanted, Consumer<@Nullable StoredSession> loaded) {
        store.load(config.shard())
                .whenComplete((stored, error) -> loop.execute(() -> {
                    retry = null;
                    if (!stillWanted.getAsBoolean()) {
                        return;
                    }
                    if (error == null) {
                        loaded.accept(stored);
                        return;
                    }
                    Duration delay = backoff.nextDelay(clock.instant());
                    LOG.warn(
                            "shard {} could not load its stored session; retrying in {} ms: {}",
                            config.shard(),
                            delay.toMillis(),
                            error.toString());
                    retry = loop.schedule(() -> load(stillWanted, loaded), delay.toNanos(), TimeUnit.NANOSECONDS);
                }));
    }

    void cancel() {
        ScheduledFuture<?> pending = retry;
        if (pending != null) {
            pending.cancel(false);
            retry = null;
        }
    }
}
