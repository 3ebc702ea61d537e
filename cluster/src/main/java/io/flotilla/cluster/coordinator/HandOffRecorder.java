package io.flotilla.cluster.coordinator;

import io.flotilla.cluster.status.HandOffLog;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;

/**
 * Times this node's hand-offs and records each completed one in the {@link HandOffLog} (for operators: the status
 * command and the dashboard show the latest). Owns when each hand-off in flight began and where it goes. Owned by
 * the coordinator's loop thread.
 */
final class HandOffRecorder {
    private record Pending(String to, Instant since) {}

    private final String nodeId;
    private final HandOffLog log;
    private final InstantSource clock;
    private final Map<Integer, Pending> pending = new HashMap<>();

    HandOffRecorder(String nodeId, HandOffLog log, InstantSource clock) {
        this.nodeId = nodeId;
        this.log = log;
        this.clock = clock;
    }

    void began(int shard, String to) {
        pending.put(shard, new Pending(to, clock.instant()));
    }

    void completed(int shard) {
        Pending began = pending.remove(shard);
        if (began != null) {
            log.record(shard, nodeId, began.to(), Duration.between(began.since(), clock.instant()));
        }
    }

    void forget(int shard) {
        pending.remove(shard);
    }
}
