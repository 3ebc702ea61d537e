package io.flotilla.node.cli;

import io.flotilla.cluster.lease.LeaderTerm;
import io.flotilla.cluster.status.ClusterSnapshot;
import io.flotilla.cluster.status.ShardStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code flotilla status}'s text: a header (group, shard count, leader, identify budget), one line per node, a
 * count of shards by state, then one line per shard, only for those not READY unless every shard is asked for (so
 * it reads the same for 16 shards and for 1000), and the latest hand-offs and gaps. Stateless.
 */
final class StatusTable {
    private static final int RECENT = 5;

    private StatusTable() {}

    static String render(ClusterSnapshot snapshot, boolean everyShard) {
        StringBuilder out = new StringBuilder();
        LeaderTerm leader = snapshot.leader();
        out.append("group ")
                .append(snapshot.group())
                .append(": ")
                .append(snapshot.shardCount() == 0 ? "no shard count yet" : snapshot.shardCount() + " shards")
                .append(", leader ")
                .append(leader == null ? "none" : snapshot.nameOf(leader.nodeId()) + " (epoch " + leader.epoch() + ")")
                .append('\n');
        ClusterSnapshot.Budget budget = snapshot.identify();
        out.append("identify budget: ")
                .append(
                        budget == null
                                ? "not recorded yet"
                                : budget.remaining() + " of " + budget.total() + " session starts left (reserve "
                                        + budget.reserve() + "), resets in "
                                        + age(Duration.between(snapshot.readAt(), budget.resetAt())))
                .append("\n\n");

        out.append(String.format(
                "%-20s %-20s %-6s %-7s %-9s %s%n", "NODE", "ID", "ALIVE", "LEADER", "DRAINING", "SHARDS"));
        for (ClusterSnapshot.Node node : snapshot.nodes()) {
            out.append(String.format(
                    "%-20s %-20s %-6s %-7s %-9s %d%n",
                    node.name(),
                    node.id(),
                    yes(node.alive()),
                    yes(node.leader()),
                    yes(node.draining()),
                    node.shards().size()));
        }

        Map<String, Integer> byState = new TreeMap<>();
        snapshot.shards().forEach(shard -> byState.merge(shard.state(), 1, Integer::sum));
        out.append("\nshards by state:");
        byState.forEach(
                (state, count) -> out.append(' ').append(state).append(' ').append(count));
        out.append(byState.isEmpty() ? " none\n" : "\n");

        List<ClusterSnapshot.Shard> listed = snapshot.shards().stream()
                .filter(shard -> everyShard || !shard.healthy())
                .toList();
        if (!listed.isEmpty()) {
            out.append(String.format(
                    "%n%-6s %-20s %-11s %-8s %-10s %s%n", "SHARD", "OWNER", "STATE", "LATENCY", "SEQ", "LAST EVENT"));
            for (ClusterSnapshot.Shard shard : listed) {
                ShardStatus status = shard.status();
                Long latency = status == null ? null : status.latencyMs();
                out.append(String.format(
                        "%-6d %-20s %-11s %-8s %-10s %s%n",
                        shard.id(),
                        snapshot.nameOf(shard.leaseOwner() != null ? shard.leaseOwner() : shard.assignedTo()),
                        shard.state(),
                        latency == null ? "-" : latency + "ms",
                        status == null || status.seq() < 0 ? "-" : Long.toString(status.seq()),
                        shard.lastEventAgeMs() < 0 ? "-" : age(Duration.ofMillis(shard.lastEventAgeMs())) + " ago"));
            }
        } else if (!snapshot.shards().isEmpty()) {
            out.append("every shard is READY (--shards lists them)\n");
        }

        if (!snapshot.handOffs().isEmpty()) {
            out.append("\nrecent hand-offs:\n");
            snapshot.handOffs().stream()
                    .limit(RECENT)
                    .forEach(handOff -> out.append(String.format(
                            "  shard %d %s -> %s in %d ms, %s ago%n",
                            handOff.shard(),
                            snapshot.nameOf(handOff.from()),
                            snapshot.nameOf(handOff.to()),
                            handOff.durationMs(),
                            age(Duration.between(handOff.at(), snapshot.readAt())))));
        }
        if (!snapshot.gaps().isEmpty()) {
            out.append("\nrecent gaps (sessions that ended losing events):\n");
            snapshot.gaps().stream()
                    .limit(RECENT)
                    .forEach(gap -> out.append(String.format(
                            "  shard %d session %s %s after seq %d, %s ago%n",
                            gap.shard(),
                            gap.session().isEmpty() ? "(unknown)" : gap.session(),
                            gap.reason(),
                            gap.committedSeq(),
                            age(Duration.between(gap.at(), snapshot.readAt())))));
        }
        return out.toString();
    }

    private static String yes(boolean value) {
        return value ? "yes" : "no";
    }

    /** 850ms, 4.2s, 3m 10s, 5h 02m. */
    static String age(Duration duration) {
        long ms = Math.max(0, duration.toMillis());
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        long seconds = ms / 1000;
        if (seconds < 3600) {
            return (seconds / 60) + "m " + (seconds % 60) + "s";
        }
        return (seconds / 3600) + "h " + String.format("%02dm", (seconds % 3600) / 60);
    }
}
