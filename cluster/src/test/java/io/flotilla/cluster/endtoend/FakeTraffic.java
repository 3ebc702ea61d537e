package io.flotilla.cluster.endtoend;

import io.flotilla.fake.FakeDiscord;
import io.flotilla.fake.FakeDiscordConfig;
import io.flotilla.worker.Keys;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fake Discord of the end-to-end tests and the events it generates: the world's realistic mix, emitted on the
 * test's schedule ({@code emit} every 10 ms per shard) rather than the fake's own rate, so a test can stop the
 * world, wait for the node to catch up and then compare everything. Emitted events go to live connections or
 * are buffered in detached sessions, exactly like generated ones.
 *
 * <p>Thread-safe; owns its emitting thread and the fake, both stopped by {@link #close}.
 */
final class FakeTraffic implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FakeTraffic.class);
    static final Duration SEND_WINDOW = Duration.ofSeconds(1);

    final FakeDiscord fake;
    private final ScheduledExecutorService emitter = Executors.newSingleThreadScheduledExecutor();
    private volatile @Nullable ScheduledFuture<?> emitting;

    /** A fake with short timings (as the gateway's tests use) and sessions kept 60 s after a lost connection. */
    FakeTraffic(int shardCount) {
        this.fake = FakeDiscord.start(FakeDiscordConfig.builder()
                .shardCount(shardCount)
                .guildsPerShard(3)
                // A 1 s heartbeat the fake gives up on after 4 s: a loaded 2-core machine stalls JVMs for longer
                // than the real ratio (1.5 x) allows, and a test must not mistake that for a lost connection.
                .heartbeatInterval(Duration.ofSeconds(1))
                .missedHeartbeatTimeout(Duration.ofSeconds(4))
                .identifyWindow(Duration.ofMillis(500))
                .reconnectCloseDelay(Duration.ofMillis(500))
                .sendLimit(120, SEND_WINDOW)
                .sessionRetention(Duration.ofSeconds(60))
                .build());
    }

    /** Settings for a {@link RedisGatewayNode} of {@code shardTotal} shards that connects to this fake. */
    RedisGatewayNode.Settings nodeSettings(URI redis, Keys keys, int shardTotal) {
        return new RedisGatewayNode.Settings(
                redis, keys, fake.gatewayUrl(), fake.config().token(), shardTotal, SEND_WINDOW);
    }

    /** Emits {@code perTick} events every 10 ms into each of {@code shards} until {@link #pause}. */
    void start(int perTick, int... shards) {
        emitting = emitter.scheduleAtFixedRate(
                () -> {
                    for (int shard : shards) {
                        try {
                            fake.shard(shard).emit(perTick);
                        } catch (RuntimeException e) {
                            LOG.error("emitting events for shard {} failed", shard, e);
                        }
                    }
                },
                0,
                10,
                TimeUnit.MILLISECONDS);
    }

    /** Stops emitting; returns once no emit runs any more. */
    void pause() throws Exception {
        ScheduledFuture<?> running = emitting;
        if (running != null) {
            running.cancel(false);
        }
        emitter.submit(() -> {}).get(10, TimeUnit.SECONDS); // the queue runs in order: a running emit ends first
    }

    @Override
    public void close() {
        emitter.shutdownNow();
        fake.close();
    }
}
