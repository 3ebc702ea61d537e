package io.flotilla.worker;

import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a {@link Worker}: its handlers per event name ({@link #on}) and its {@link WorkerSettings}.
 *
 * <p>Not thread-safe; used once.
 */
public final class WorkerBuilder {
    private final RedisClient client;
    private final Keys keys;
    private final String group;
    private final String consumerName;
    private final Map<String, EventHandler> handlers = new LinkedHashMap<>(); // by event name, upper case
    private WorkerSettings settings = WorkerSettings.DEFAULTS;
    private InstantSource clock = InstantSource.system();

    WorkerBuilder(RedisClient client, Keys keys, String group, String consumerName) {
        if (group.isBlank() || consumerName.isBlank()) {
            throw new IllegalArgumentException("a worker needs a consumer group and a consumer name");
        }
        this.client = client;
        this.keys = keys;
        this.group = group;
        this.consumerName = consumerName;
    }

    /** Handles events named {@code eventName} (e.g. {@code MESSAGE_CREATE}, any case); one handler per name. */
    public WorkerBuilder on(String eventName, EventHandler handler) {
        String name = eventName.toUpperCase(Locale.ROOT);
        if (handlers.putIfAbsent(name, handler) != null) {
            throw new IllegalArgumentException("a handler for " + name + " is registered already");
        }
        return this;
    }

    public WorkerBuilder settings(WorkerSettings value) {
        this.settings = value;
        return this;
    }

    /** Shorthand: retry failed entries after {@code idle} and give up after {@code maxDeliveries}. */
    public WorkerBuilder retries(Duration idle, int maxDeliveries) {
        this.settings = new WorkerSettings(
                settings.batch(),
                settings.block(),
                idle,
                maxDeliveries,
                settings.dedupeWindow(),
                settings.groupDedup());
        return this;
    }

    /** The clock that times reclaims and stamps dead letters (tests). */
    public WorkerBuilder clock(InstantSource value) {
        this.clock = value;
        return this;
    }

    /** Opens the connection and creates the group on each stream that lacks it (from the stream's start). */
    public Worker build() {
        if (handlers.isEmpty()) {
            throw new IllegalStateException("register at least one handler with on(eventName, handler)");
        }
        EventConsumer consumer = new EventConsumer(
                client,
                keys,
                group,
                consumerName,
                new ArrayList<>(handlers.keySet()),
                settings.dedupeWindow(),
                settings.groupDedup());
        Map<String, EventHandler> byStream = new LinkedHashMap<>();
        handlers.forEach((name, handler) -> byStream.put(keys.events(name), handler));
        return new Worker(consumer, byStream, settings, clock);
    }
}
