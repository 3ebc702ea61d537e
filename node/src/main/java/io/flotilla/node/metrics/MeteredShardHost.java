package io.flotilla.node.metrics;

import io.flotilla.cluster.coordinator.ShardHost;
import io.flotilla.cluster.lease.ShardFence;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The coordinator's {@link ShardHost} with its hand-offs timed (from the coordinator's request to the closed socket)
 * and its fences counted; every call goes to the real host. Thread-safe as the host is.
 */
final class MeteredShardHost implements ShardHost {
    private final ShardHost host;
    private final MeterRegistry registry;
    private final Timer handOffs;
    private final Counter fences;

    MeteredShardHost(ShardHost host, MeterRegistry registry) {
        this.host = host;
        this.registry = registry;
        this.handOffs = Timer.builder("flotilla.handoffs")
                .description("shards handed off to another node (commit, resumable close), and how long it took")
                .register(registry);
        this.fences = Counter.builder("flotilla.shards.fenced")
                .description("shards stopped at once because their lease was lost or Redis refused their batch")
                .register(registry);
    }

    @Override
    public void start(int shard, ShardFence fence) {
        host.start(shard, fence);
    }

    @Override
    public CompletionStage<Void> handOff(int shard) {
        Timer.Sample sample = Timer.start(registry);
        return host.handOff(shard).whenComplete((done, error) -> sample.stop(handOffs));
    }

    @Override
    public void fence(int shard, String why) {
        if (host.running().contains(shard)) {
            fences.increment();
        }
        host.fence(shard, why);
    }

    @Override
    public void coldStart(java.util.SortedSet<Integer> shards) {
        host.coldStart(shards);
    }

    @Override
    public Set<Integer> running() {
        return host.running();
    }
}
