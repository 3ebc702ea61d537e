package io.flotilla.node.metrics;

import io.flotilla.cluster.coordinator.CoordinatorView;
import io.flotilla.cluster.identify.RedisIdentifyBudget;
import io.flotilla.cluster.identify.SessionBudget;
import io.flotilla.worker.Keys;
import io.lettuce.core.KeyScanArgs;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster-wide figures, read from Redis by the LEADER only (every {@link #PERIOD}, on the metrics thread, off the
 * event path), so a cluster of N nodes does not report the same figure N times: the length of each event stream
 * ({@code XLEN}), the pending entries of each consumer group on it ({@code XINFO GROUPS}), and the session-start
 * budget left. A node that does not lead reports none of them (its series are removed). Redis failures are logged
 * at debug and the figures kept until the next poll.
 *
 * <p>{@link #poll} runs on one thread (the node's metrics scheduler); the gauges read volatile values.
 */
final class ClusterPoller {
    static final Duration PERIOD = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(ClusterPoller.class);

    private final RedisCommands<String, String> redis;
    private final RedisIdentifyBudget budget;
    private final Keys keys;
    private final Supplier<CoordinatorView> view;
    private final MultiGauge lengths;
    private final MultiGauge pending;
    private volatile double remaining = Double.NaN;
    private volatile double total = Double.NaN;

    ClusterPoller(
            MeterRegistry registry,
            StatefulRedisConnection<String, String> connection,
            Keys keys,
            Supplier<CoordinatorView> view) {
        this.redis = connection.sync();
        this.budget = new RedisIdentifyBudget(connection, keys);
        this.keys = keys;
        this.view = view;
        this.lengths = MultiGauge.builder("flotilla.stream.length")
                .description("entries in each event stream (XLEN); reported by the leader only")
                .register(registry);
        this.pending = MultiGauge.builder("flotilla.stream.pending")
                .description("entries delivered to a consumer group and not acknowledged yet (XINFO GROUPS pending),"
                        + " per stream and group; reported by the leader only")
                .register(registry);
        Gauge.builder("flotilla.identify.remaining", this, p -> p.remaining)
                .description("session starts left today (the cluster's budget from /gateway/bot, less identifies"
                        + " since); reported by the leader only")
                .strongReference(true)
                .register(registry);
        Gauge.builder("flotilla.identify.total", this, p -> p.total)
                .description("session starts allowed per day; reported by the leader only")
                .strongReference(true)
                .register(registry);
    }

    /** One poll: everything when this node leads, nothing otherwise. Never throws. */
    void poll() {
        if (!view.get().leader()) {
            clear();
            return;
        }
        try {
            pollStreams();
            Optional<SessionBudget> left = budget.read().toCompletableFuture().get(5, TimeUnit.SECONDS);
            remaining = left.map(b -> (double) b.remaining()).orElse(Double.NaN);
            total = left.map(b -> (double) b.total()).orElse(Double.NaN);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debug("polling the streams and the budget failed; the figures stay as they were: {}", e.toString());
        }
    }

    private void pollStreams() {
        List<MultiGauge.Row<?>> lengthRows = new ArrayList<>();
        List<MultiGauge.Row<?>> pendingRows = new ArrayList<>();
        KeyScanArgs match = KeyScanArgs.Builder.matches(keys.queuePrefix() + ":event:*")
                .type("stream")
                .limit(500);
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = redis.scan(cursor, match);
            for (String stream : page.getKeys()) {
                Tags tags = Tags.of("stream", stream);
                lengthRows.add(MultiGauge.Row.of(tags, redis.xlen(stream)));
                for (Object group : redis.xinfoGroups(stream)) {
                    StreamGroup.parse(group)
                            .ifPresent(
                                    g -> pendingRows.add(MultiGauge.Row.of(tags.and("group", g.name()), g.pending())));
                }
            }
            cursor = page;
        } while (!cursor.isFinished());
        lengths.register(lengthRows, true);
        pending.register(pendingRows, true);
    }

    private void clear() {
        lengths.register(List.of(), true);
        pending.register(List.of(), true);
        remaining = Double.NaN;
        total = Double.NaN;
    }
}
