package io.flotilla.node.metrics;

import io.flotilla.cluster.adapter.CommittingDispatchSink;
import io.flotilla.cluster.commit.BatchCommitter;
import io.flotilla.cluster.commit.CommitListener;
import io.flotilla.cluster.coordinator.CoordinatorView;
import io.flotilla.cluster.coordinator.ShardHost;
import io.flotilla.gateway.Dispatch;
import io.flotilla.gateway.Shard;
import io.flotilla.gateway.ShardObserver;
import io.flotilla.protocol.ShardId;
import io.flotilla.worker.Keys;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The node's metrics (node/README.md "Metrics" lists every name): a Prometheus registry, made before anything else
 * so {@code /metrics} answers while the node starts, and the binders the wiring asks for as the parts come up
 * ({@link #events()}, {@link #bindCommits}, {@link #gateway}, {@link #metered}, {@link #bindCluster}). Each series
 * carries the tag {@code node}.
 *
 * <p>Thread-safe. Owns a one-thread scheduler for the leader's Redis polls; {@link #close} stops it.
 */
public final class NodeMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final EventMeters events;
    private volatile @Nullable GatewayMeters gateway;
    private volatile @Nullable ScheduledExecutorService poller;

    public NodeMetrics(String nodeName, InstantSource clock) {
        registry.config().commonTags("node", nodeName);
        this.events = new EventMeters(registry, clock);
    }

    /** Counts each dispatch a shard received, by type; give it to the sink as its observer. */
    public BiConsumer<ShardId, Dispatch> received() {
        return events;
    }

    /** Counts what the lanes wrote, by type, and the commit latency; give it to the committer. */
    public CommitListener events() {
        return events;
    }

    /** Binds what the committer and the sink already count. */
    public void bindCommits(BatchCommitter committer, CommittingDispatchSink sink) {
        CommitMeters.bind(registry, committer, sink);
    }

    /** The gateway's observer: shards by state and latency (from {@code shards}), sessions, closes, zombies. */
    public ShardObserver gateway(Supplier<Map<Integer, Shard>> shards) {
        GatewayMeters meters = new GatewayMeters(registry, shards);
        gateway = meters;
        return meters;
    }

    /** {@code host} with its hand-offs timed and fences counted; give it to the coordinator. */
    public ShardHost metered(ShardHost host) {
        return new MeteredShardHost(host, registry);
    }

    /**
     * Binds the coordinator's view (leader, epoch) and starts the leader's polls of the streams and the budget.
     *
     * @param reserve the identify reserve this node keeps ({@code IDENTIFY_RESERVE})
     */
    public void bindCluster(
            StatefulRedisConnection<String, String> redis, Keys keys, Supplier<CoordinatorView> view, int reserve) {
        Gauge.builder("flotilla.leader", view, v -> v.get().leader() ? 1 : 0)
                .description("1 while this node leads the group, else 0")
                .strongReference(true)
                .register(registry);
        Gauge.builder("flotilla.leader.epoch", view, v -> v.get().leaderEpoch())
                .description("the epoch of the leader's term as this node last read it (0: no leader)")
                .strongReference(true)
                .register(registry);
        Gauge.builder("flotilla.identify.reserve", () -> reserve)
                .description("session starts the cluster never spends without the operator's override")
                .register(registry);
        ClusterPoller cluster = new ClusterPoller(registry, redis, keys, view);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable ->
                Thread.ofPlatform().name("flotilla-metrics").daemon(true).unstarted(runnable));
        poller = scheduler;
        long period = ClusterPoller.PERIOD.toMillis();
        scheduler.scheduleWithFixedDelay(cluster::poll, period / 5, period, TimeUnit.MILLISECONDS);
    }

    /** Everything in the Prometheus text format (version 0.0.4), per-shard series refreshed first. */
    public String scrape() {
        GatewayMeters meters = gateway;
        if (meters != null) {
            meters.refresh();
        }
        return registry.scrape();
    }

    @Override
    public void close() {
        ScheduledExecutorService scheduler = poller;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        registry.close();
    }
}
