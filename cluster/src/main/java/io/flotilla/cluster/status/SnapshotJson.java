package io.flotilla.cluster.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flotilla.cluster.lease.LeaderTerm;

/**
 * Renders a {@link ClusterSnapshot} as one JSON object with snake_case fields and times in epoch ms:
 *
 * <pre>{@code
 * {"group":"prod","read_at":1767225612000,"shard_count":16,"leader":{"node":"123","epoch":7},
 *  "nodes":[{"id":"123","name":"node-a","http":"","capacity":1,"draining":false,"shards":[0,3],
 *            "started_at":...,"updated_at":...,"alive":true,"leader":true}],
 *  "shards":[{"id":0,"assigned_to":"123","lease_owner":"123","lease_epoch":9,"state":"READY","stale":false,
 *             "latency_ms":41,"seq":1870,"last_event_age_ms":130,"status_at":...}],
 *  "identify":{"total":1000,"remaining":990,"reserve":0,"reset_at":...},
 *  "gaps":[{"id":"1767-0","shard":3,"session":"abc","committed_seq":5,"received_seq":7,"reason":"TIMED_OUT","at":...}],
 *  "hand_offs":[{"id":"1767-0","shard":2,"from":"123","to":"456","duration_ms":310,"at":...}]}
 * }</pre>
 *
 * Absent values are JSON null. Stateless.
 */
final class SnapshotJson {
    private SnapshotJson() {}

    static String render(ObjectMapper json, ClusterSnapshot snapshot) {
        ObjectNode root = json.createObjectNode()
                .put("group", snapshot.group())
                .put("read_at", snapshot.readAt().toEpochMilli())
                .put("shard_count", snapshot.shardCount());
        LeaderTerm leader = snapshot.leader();
        if (leader == null) {
            root.putNull("leader");
        } else {
            root.putObject("leader").put("node", leader.nodeId()).put("epoch", leader.epoch());
        }
        ArrayNode nodes = root.putArray("nodes");
        for (ClusterSnapshot.Node node : snapshot.nodes()) {
            ObjectNode out = nodes.addObject()
                    .put("id", node.id())
                    .put("name", node.name())
                    .put("http", node.httpAddress())
                    .put("capacity", node.capacity())
                    .put("draining", node.draining());
            node.shards().forEach(out.putArray("shards")::add);
            out.put("started_at", node.startedAt().toEpochMilli())
                    .put("updated_at", node.updatedAt().toEpochMilli())
                    .put("alive", node.alive())
                    .put("leader", node.leader());
        }
        ArrayNode shards = root.putArray("shards");
        for (ClusterSnapshot.Shard shard : snapshot.shards()) {
            ObjectNode out = shards.addObject()
                    .put("id", shard.id())
                    .put("assigned_to", shard.assignedTo())
                    .put("lease_owner", shard.leaseOwner())
                    .put("lease_epoch", shard.leaseEpoch())
                    .put("state", shard.state())
                    .put("stale", shard.stale());
            ShardStatus status = shard.status();
            out.put("latency_ms", status == null ? null : status.latencyMs())
                    .put("seq", status == null ? null : status.seq())
                    .put("last_event_age_ms", shard.lastEventAgeMs() < 0 ? null : shard.lastEventAgeMs())
                    .put("status_at", status == null ? null : status.updatedAt().toEpochMilli());
        }
        ClusterSnapshot.Budget budget = snapshot.identify();
        if (budget == null) {
            root.putNull("identify");
        } else {
            root.putObject("identify")
                    .put("total", budget.total())
                    .put("remaining", budget.remaining())
                    .put("reserve", budget.reserve())
                    .put("reset_at", budget.resetAt().toEpochMilli());
        }
        ArrayNode gaps = root.putArray("gaps");
        for (ClusterSnapshot.Gap gap : snapshot.gaps()) {
            gaps.addObject()
                    .put("id", gap.entryId())
                    .put("shard", gap.shard())
                    .put("session", gap.session())
                    .put("committed_seq", gap.committedSeq())
                    .put("received_seq", gap.receivedSeq())
                    .put("reason", gap.reason())
                    .put("at", gap.at().toEpochMilli());
        }
        ArrayNode handOffs = root.putArray("hand_offs");
        for (ClusterSnapshot.HandOff handOff : snapshot.handOffs()) {
            handOffs.addObject()
                    .put("id", handOff.entryId())
                    .put("shard", handOff.shard())
                    .put("from", handOff.from())
                    .put("to", handOff.to())
                    .put("duration_ms", handOff.durationMs())
                    .put("at", handOff.at().toEpochMilli());
        }
        return root.toString();
    }
}
