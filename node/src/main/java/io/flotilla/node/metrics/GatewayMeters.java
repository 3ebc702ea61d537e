package io.flotilla.node.metrics;

import io.flotilla.gateway.Shard;
import io.flotilla.gateway.ShardObserver;
import io.flotilla.gateway.ShardState;
import io.flotilla.gateway.StateChange;
import io.flotilla.protocol.ShardId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The gateway side: shards by state and gateway latency per shard (read from the running shards at each scrape),
 * sessions started by identify vs resumed, connection ends by close code, zombie connections. Close codes are few
 * (Discord's 4000-4014, WebSocket's 1000-1015, {@code none}), so that label stays bounded.
 *
 * <p>Thread-safe: the observer runs on shard event loops; {@link #refresh} on the scraping thread.
 */
final class GatewayMeters implements ShardObserver {
    private final MeterRegistry registry;
    private final Supplier<Map<Integer, Shard>> shards;
    private final Counter identified;
    private final Counter resumed;
    private final Counter zombies;
    private final Map<Integer, Counter> closes = new ConcurrentHashMap<>();
    private final MultiGauge latency;

    GatewayMeters(MeterRegistry registry, Supplier<Map<Integer, Shard>> shards) {
        this.registry = registry;
        this.shards = shards;
        for (ShardState state : ShardState.values()) {
            Gauge.builder("flotilla.shards", shards, running -> count(running.get(), state))
                    .description("shards on this node by state")
                    .tag("state", state.name())
                    .strongReference(true)
                    .register(registry);
        }
        this.identified = sessions("identify");
        this.resumed = sessions("resume");
        this.zombies = Counter.builder("flotilla.gateway.zombies")
                .description("connections closed because a heartbeat was never ACKed")
                .register(registry);
        this.latency = MultiGauge.builder("flotilla.gateway.latency")
                .description("round trip of each shard's last acknowledged heartbeat")
                .baseUnit("seconds")
                .register(registry);
    }

    @Override
    public void stateChanged(StateChange change) {
        if (change.to() == ShardState.READY) {
            (change.from() == ShardState.RESUMING ? resumed : identified).increment();
        }
    }

    @Override
    public void connectionClosed(ShardId shard, int closeCode) {
        closes.computeIfAbsent(
                        closeCode,
                        code -> Counter.builder("flotilla.gateway.closes")
                                .description(
                                        "gateway connections ended, by the server's close code (none: no close frame)")
                                .tag("code", code > 0 ? Integer.toString(code) : "none")
                                .register(registry))
                .increment();
    }

    @Override
    public void zombie(ShardId shard) {
        zombies.increment();
    }

    /** Per-shard series follow the shards that run here now (a shard that left has no series). */
    void refresh() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        shards.get().forEach((id, shard) -> {
            Duration measured = shard.latency();
            if (measured != null) {
                rows.add(MultiGauge.Row.of(Tags.of("shard", Integer.toString(id)), measured.toNanos() / 1e9));
            }
        });
        latency.register(rows, true);
    }

    private Counter sessions(String kind) {
        return Counter.builder("flotilla.gateway.sessions")
                .description("sessions that went live: identify (READY, a new session) or resume (RESUMED)")
                .tag("kind", kind)
                .register(registry);
    }

    private static double count(Map<Integer, Shard> running, ShardState state) {
        return running.values().stream().filter(s -> s.state() == state).count();
    }
}
