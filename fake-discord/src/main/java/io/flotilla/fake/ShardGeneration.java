package io.flotilla.fake;

import io.flotilla.fake.world.Dispatch;
import io.flotilla.fake.world.EventGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event generation of one shard hub: on demand ({@link #emit}) and at the configured rate ({@link #tick},
 * every {@value #TICK_MILLIS} ms, in batches). The rate is a ceiling: a tick generates nothing while the hub has
 * no session or a live connection has half a session buffer unsent, so no queue grows without bound.
 *
 * <p>With a replay pool ({@link FakeDiscordConfig#replayPool()} n > 0) the generator is called only to fill the
 * pool with its first n dispatches; after that events are the pool's dispatches in order, cycling, the same
 * bytes each time (each still gets the session's own next seq when produced). The world then stops changing,
 * so this is for load generation only: a cache compared with the world snapshot is meaningful only without it.
 *
 * <p>Owned by its {@link ShardHub}; runs on the hub's thread only.
 */
final class ShardGeneration {

    static final long TICK_MILLIS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(ShardGeneration.class);
    private static final int MAX_EVENTS_PER_TICK = 4096;
    private static final int EMIT_CHUNK = 512;

    private final ShardHub hub;
    private @Nullable EventGenerator generator;
    private @Nullable List<Dispatch> pool;
    private int poolCursor;
    private long lastTickNanos = System.nanoTime();
    private double carry;

    ShardGeneration(ShardHub hub) {
        this.hub = hub;
    }

    /** Generates {@code count} events now, in chunks so connections on this loop keep being served. */
    CompletableFuture<Void> emit(int count) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        hub.execute(() -> emitChunk(count, done));
        return done;
    }

    /** Produces one MESSAGE_CREATE with this text now (not from the replay pool). */
    CompletableFuture<Void> say(String text) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        hub.execute(() -> {
            try {
                hub.fanOut(generator().message(text), hub.sessions());
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    private void emitChunk(int remaining, CompletableFuture<Void> done) {
        try {
            int now = Math.min(remaining, EMIT_CHUNK);
            generate(now);
            if (remaining > now) {
                hub.execute(() -> emitChunk(remaining - now, done));
            } else {
                done.complete(null);
            }
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
    }

    private void generate(int count) {
        List<Session> targets = hub.sessions();
        List<Dispatch> cycle = pool();
        if (cycle != null) {
            for (int i = 0; i < count; i++) {
                hub.fanOut(cycle.get(poolCursor), targets);
                poolCursor = (poolCursor + 1) % cycle.size();
            }
            return;
        }
        EventGenerator events = generator();
        // A shard whose guilds are all gone or in an outage has no events to give (EventGenerator#hasGuilds).
        for (int i = 0; i < count && events.hasGuilds(); i++) {
            hub.fanOut(events.next(), targets);
        }
    }

    /**
     * The replay pool, filled from the generator on first use; null when the pool is off, or while the shard has
     * no guild to make events about (then filling is tried again next time).
     */
    private @Nullable List<Dispatch> pool() {
        int size = hub.context().config.replayPool();
        if (pool != null || size == 0) {
            return pool;
        }
        EventGenerator events = generator();
        List<Dispatch> filled = new ArrayList<>(size);
        while (filled.size() < size && events.hasGuilds()) {
            filled.add(events.next());
        }
        if (!filled.isEmpty()) {
            pool = filled;
            LOG.info("fake-discord shard {} replays a pool of {} dispatches from now on", hub.key, filled.size());
        }
        return pool;
    }

    private EventGenerator generator() {
        EventGenerator events = generator;
        if (events == null) {
            events = hub.context().world.events(hub.key.id(), hub.key.count());
            generator = events;
        }
        return events;
    }

    void tick() {
        long now = System.nanoTime();
        double elapsed = (now - lastTickNanos) / 1e9;
        lastTickNanos = now;
        if (!hub.hasSessions() || backlogged()) {
            carry = 0;
            return;
        }
        carry = Math.min(carry + elapsed * hub.context().config.eventsPerSecondPerShard(), MAX_EVENTS_PER_TICK);
        int count = (int) carry;
        carry -= count;
        try {
            generate(count);
        } catch (RuntimeException e) {
            LOG.error("fake-discord shard {} could not generate events; generation continues next tick", hub.key, e);
        }
    }

    private boolean backlogged() {
        for (Map.Entry<GatewayConnection, Session> entry : hub.attached().entrySet()) {
            DispatchRing ring = entry.getValue().ring();
            if (ring.produced() - entry.getKey().cursor() > ring.capacity() / 2) {
                return true;
            }
        }
        return false;
    }
}
