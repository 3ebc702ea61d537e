package io.flotilla.node;

import io.flotilla.cluster.status.ClusterSnapshot;
import io.flotilla.cluster.status.ClusterSnapshotReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Waits until the soak's cluster is quiet before its checker reads Redis: every shard READY on a live node, its
 * committed seq equal to the last seq the fake produced in its session, and no lease changing hands or epoch for
 * {@link #STILL}. The checker compares a snapshot of the streams with the fake's log; read while a shard is still
 * moving, a last event committed between two reads shows as missing, or handled by a worker yet absent.
 *
 * <p>One test thread.
 */
final class QuietCluster {
    /** Longer than a lease (2 s) and two coordinator rounds: a move under way would show within it. */
    static final Duration STILL = Duration.ofSeconds(5);

    private final NodeCluster cluster;
    private final ClusterSnapshotReader reader;

    QuietCluster(NodeCluster cluster, ClusterSnapshotReader reader) {
        this.cluster = cluster;
        this.reader = reader;
    }

    /** Each shard's lease as {@code owner@epoch}, by shard. */
    Map<Integer, String> leases() {
        return leases(reader.read());
    }

    private static Map<Integer, String> leases(ClusterSnapshot snapshot) {
        Map<Integer, String> leases = new TreeMap<>();
        for (ClusterSnapshot.Shard shard : snapshot.shards()) {
            leases.put(shard.id(), shard.leaseOwner() + "@" + shard.leaseEpoch());
        }
        return leases;
    }

    /**
     * Returns once the cluster was quiet for {@link #STILL}, or, after {@code bound}, what kept it moving (a problem
     * line: once the faults are over, nothing should).
     */
    Optional<String> await(Duration bound) throws InterruptedException {
        Instant deadline = Instant.now().plus(bound);
        Map<Integer, String> since = Map.of();
        Instant stillSince = Instant.now();
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            try {
                ClusterSnapshot snapshot = reader.read();
                List<String> moving = moving(snapshot);
                Map<Integer, String> leases = leases(snapshot);
                if (!moving.isEmpty() || !leases.equals(since)) {
                    since = leases;
                    stillSince = Instant.now();
                    last = moving.isEmpty() ? "leases changed: " + leases : String.join(", ", moving);
                } else if (Duration.between(stillSince, Instant.now()).compareTo(STILL) >= 0) {
                    return Optional.empty();
                }
            } catch (RuntimeException e) {
                last = "Redis: " + e;
                stillSince = Instant.now();
            }
            Thread.sleep(250);
        }
        return Optional.of(
                "the cluster never went quiet within " + bound.toSeconds() + " s of the faults' end: " + last);
    }

    private List<String> moving(ClusterSnapshot snapshot) {
        List<String> moving = new ArrayList<>();
        for (ClusterSnapshot.Shard shard : snapshot.shards()) {
            if (!shard.healthy()) {
                moving.add("shard " + shard.id() + " " + shard.state());
            }
        }
        moving.addAll(cluster.uncommitted());
        return moving;
    }
}
