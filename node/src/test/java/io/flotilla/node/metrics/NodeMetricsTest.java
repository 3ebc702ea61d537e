package io.flotilla.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.flotilla.gateway.Dispatch;
import io.flotilla.gateway.ShardObserver;
import io.flotilla.gateway.ShardState;
import io.flotilla.gateway.StateChange;
import io.flotilla.protocol.ShardId;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NodeMetricsTest {
    private static final ShardId SHARD = new ShardId(1, 4);
    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final InstantSource clock = InstantSource.fixed(now);

    private static Dispatch dispatch(String type) {
        return new Dispatch(SHARD, "s", 1, type, new byte[] {'{', '}'}, 0, 2);
    }

    @Test
    void eventsGatewayAndCommitsShowInTheScrapeWithTheirPrometheusNames() {
        try (NodeMetrics metrics = new NodeMetrics("node-a", clock)) {
            for (int i = 0; i < 3; i++) {
                metrics.received().accept(SHARD, dispatch("MESSAGE_CREATE"));
            }
            metrics.events().committed("MESSAGE_CREATE");
            metrics.events().batchCommitted(1, 1, now.toEpochMilli() - 20);
            ShardObserver gateway = metrics.gateway(Map::of);
            gateway.stateChanged(new StateChange(SHARD, ShardState.IDENTIFYING, ShardState.READY, now, "READY"));
            gateway.stateChanged(new StateChange(SHARD, ShardState.RESUMING, ShardState.READY, now, "RESUMED"));
            gateway.stateChanged(new StateChange(SHARD, ShardState.RESUMING, ShardState.READY, now, "RESUMED"));
            gateway.connectionClosed(SHARD, 4000);
            gateway.connectionClosed(SHARD, -1);
            gateway.zombie(SHARD);

            String scrape = metrics.scrape();
            assertThat(scrape)
                    .contains("flotilla_events_received_total{node=\"node-a\",type=\"MESSAGE_CREATE\"} 3.0")
                    .contains("flotilla_events_committed_total{node=\"node-a\",type=\"MESSAGE_CREATE\"} 1.0")
                    .contains("flotilla_commit_latency_seconds_count{node=\"node-a\"} 1")
                    .contains("flotilla_commit_latency_seconds_bucket{node=\"node-a\",le=\"0.025\"} 1")
                    .contains("flotilla_gateway_sessions_total{kind=\"identify\",node=\"node-a\"} 1.0")
                    .contains("flotilla_gateway_sessions_total{kind=\"resume\",node=\"node-a\"} 2.0")
                    .contains("flotilla_gateway_closes_total{code=\"4000\",node=\"node-a\"} 1.0")
                    .contains("flotilla_gateway_closes_total{code=\"none\",node=\"node-a\"} 1.0")
                    .contains("flotilla_gateway_zombies_total{node=\"node-a\"} 1.0")
                    .contains("flotilla_shards{node=\"node-a\",state=\"READY\"} 0.0")
                    .contains("# HELP flotilla_events_received_total dispatches received from the gateway");
        }
    }

    @Test
    void eventTypesPastTheLimitCountAsOther() {
        try (NodeMetrics metrics = new NodeMetrics("node-a", clock)) {
            for (int i = 0; i < EventMeters.MAX_TYPES + 50; i++) {
                metrics.received().accept(SHARD, dispatch("TYPE_" + i));
            }
            String scrape = metrics.scrape();
            long series = Pattern.compile("^flotilla_events_received_total\\{", Pattern.MULTILINE)
                    .matcher(scrape)
                    .results()
                    .count();
            assertThat(series).isEqualTo(EventMeters.MAX_TYPES + 1);
            assertThat(scrape).contains("flotilla_events_received_total{node=\"node-a\",type=\"other\"} 50.0");
        }
    }
}
