package io.flotilla.node.metrics;

import io.flotilla.cluster.commit.CommitListener;
import io.flotilla.gateway.Dispatch;
import io.flotilla.protocol.ShardId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Events received (as the shards offer them to the sink) and committed (as the lanes write them), by event type, and
 * the commit latency (from a batch's first dispatch received to Redis's answer). The counter of a type is made the
 * first time the type is seen and found by its name afterwards, so the per-event path is a map read and an add;
 * past {@value #MAX_TYPES} types (Discord has about 80) the rest count as {@code other}, so a misbehaving gateway
 * cannot grow the series without bound.
 *
 * <p>Thread-safe: called on shard event loops and lane threads.
 */
final class EventMeters implements BiConsumer<ShardId, Dispatch>, CommitListener {
    static final int MAX_TYPES = 200;

    private final MeterRegistry registry;
    private final InstantSource clock;
    private final Map<String, Counter> received = new ConcurrentHashMap<>();
    private final Map<String, Counter> committed = new ConcurrentHashMap<>();
    private final Timer latency;

    EventMeters(MeterRegistry registry, InstantSource clock) {
        this.registry = registry;
        this.clock = clock;
        this.latency = Timer.builder("flotilla.commit.latency")
                .description("time from a batch's first dispatch received to Redis confirming its commit")
                .serviceLevelObjectives(
                        Duration.ofMillis(1),
                        Duration.ofMillis(2),
                        Duration.ofMillis(5),
                        Duration.ofMillis(10),
                        Duration.ofMillis(25),
                        Duration.ofMillis(50),
                        Duration.ofMillis(100),
                        Duration.ofMillis(250),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofMillis(2500),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(10))
                .register(registry);
    }

    /** A shard received a dispatch (on its event loop). */
    @Override
    public void accept(ShardId shard, Dispatch dispatch) {
        counter(received, "flotilla.events.received", "dispatches received from the gateway", dispatch.type())
                .increment();
    }

    @Override
    public void committed(String type) {
        counter(committed, "flotilla.events.committed", "dispatches written to their event stream", type)
                .increment();
    }

    @Override
    public void batchCommitted(int shard, int dispatches, long firstReceivedAt) {
        latency.record(Math.max(0, clock.millis() - firstReceivedAt), TimeUnit.MILLISECONDS);
    }

    private Counter counter(Map<String, Counter> byType, String name, String help, String type) {
        Counter known = byType.get(type);
        if (known != null) {
            return known;
        }
        String tag = byType.size() < MAX_TYPES ? type : "other";
        return byType.computeIfAbsent(
                type,
                t -> Counter.builder(name).description(help).tag("type", tag).register(registry));
    }
}
