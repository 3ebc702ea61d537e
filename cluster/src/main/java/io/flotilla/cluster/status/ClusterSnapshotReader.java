package io.flotilla.cluster.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.cluster.coordinator.ClusterReads;
import io.flotilla.cluster.coordinator.StoredAssignment;
import io.flotilla.cluster.coordinator.StoredShardCount;
import io.flotilla.cluster.identify.RedisIdentifyBudget;
import io.flotilla.cluster.identify.SessionBudget;
import io.flotilla.cluster.lease.LeaderTerm;
import io.flotilla.cluster.membership.NodeRecord;
import io.flotilla.cluster.redis.RedisAwait;
import io.flotilla.worker.GapFields;
import io.flotilla.worker.Keys;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@link ClusterSnapshot} from Redis with the parsers the coordinator uses ({@link NodeRecord#fromJson},
 * {@link StoredAssignment#parse}, {@link StoredShardCount#parse}, {@link LeaderTerm#parse}, {@link
 * RedisIdentifyBudget#parse}) and {@link ShardStatus#fromJson}. Reads only, about ten commands a snapshot
 * (pipelined), whatever the shard count: the leases in one {@code MGET}, the status in one {@code HGETALL}.
 *
 * <p>Thread-safe (Lettuce async commands); {@link #read} blocks its caller at most the timeout per reply.
 */
public final class ClusterSnapshotReader {
    /** A published status older than this is stale (its node publishes every {@link ShardStatusPublisher#DEFAULT_PERIOD}). */
    public static final Duration STALE_AFTER = Duration.ofSeconds(6);

    static final int RECENT = 20;

    private final RedisAsyncCommands<String, String> redis;
    private final ClusterReads reads;
    private final Keys keys;
    private final InstantSource clock;
    private final int identifyReserve;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param identifyReserve the session starts the nodes keep back ({@code IDENTIFY_RESERVE}; not stored in Redis)
     * @param timeout the bound on each reply
     */
    public ClusterSnapshotReader(
            StatefulRedisConnection<String, String> connection,
            Keys keys,
            InstantSource clock,
            int identifyReserve,
            Duration timeout) {
        this.redis = connection.async();
        this.reads = new ClusterReads(connection, keys, timeout);
        this.keys = keys;
        this.clock = clock;
        this.identifyReserve = identifyReserve;
        this.timeout = timeout;
    }

    /**
     * Reads the cluster now.
     *
     * @throws io.flotilla.cluster.ClusterException when Redis failed or did not answer in time
     */
    public ClusterSnapshot read() {
        CompletionStage<Map<String, String>> statusReply = redis.hgetall(keys.shardStatus());
        CompletionStage<Map<String, String>> budgetReply = redis.hgetall(keys.budget());
        CompletionStage<List<StreamMessage<String, String>>> gapReply =
                redis.xrevrange(keys.gaps(), Range.create("-", "+"), Limit.from(RECENT));
        CompletionStage<List<StreamMessage<String, String>>> handOffReply =
                redis.xrevrange(keys.handOffs(), Range.create("-", "+"), Limit.from(RECENT));
        List<NodeRecord> live = nodes();
        int shardCount = StoredShardCount.parse(reads.config())
                .map(StoredShardCount::count)
                .orElse(0);
        LeaderTerm leader = reads.leader().orElse(null);
        StoredAssignment assignment = StoredAssignment.parse(reads.assignment(), shardCount);
        Map<Integer, LeaderTerm> leases = leases(shardCount);
        Instant now = clock.instant();

        Map<String, NodeRecord> byId = new TreeMap<>();
        live.forEach(record -> byId.put(record.id(), record));
        Map<String, String> statusFields = RedisAwait.await(statusReply, timeout, "reading the shard status");
        List<ClusterSnapshot.Shard> shards = new ArrayList<>(shardCount);
        for (int shard = 0; shard < shardCount; shard++) {
            LeaderTerm lease = leases.get(shard);
            String field = statusFields.get(Integer.toString(shard));
            ShardStatus status =
                    field == null ? null : ShardStatus.fromJson(json, field).orElse(null);
            boolean stale = status != null
                    && (!byId.containsKey(status.nodeId())
                            || status.updatedAt().plus(STALE_AFTER).isBefore(now));
            long age = status == null || status.lastEventAt() <= 0
                    ? -1
                    : Math.max(0, now.toEpochMilli() - status.lastEventAt());
            shards.add(new ClusterSnapshot.Shard(
                    shard,
                    assignment.assignment().nodeOf(shard),
                    lease == null ? null : lease.nodeId(),
                    lease == null ? 0 : lease.epoch(),
                    status,
                    stale,
                    age));
        }
        return new ClusterSnapshot(
                keys.group(),
                now,
                shardCount,
                leader,
                nodeViews(byId, leader, shards),
                shards,
                budget(RedisAwait.await(budgetReply, timeout, "reading the identify budget")),
                gaps(RedisAwait.await(gapReply, timeout, "reading the gap records")),
                handOffs(RedisAwait.await(handOffReply, timeout, "reading the hand-offs")));
    }

    private List<NodeRecord> nodes() {
        List<String> ids = new ArrayList<>(
                new TreeSet<>(RedisAwait.call(() -> redis.smembers(keys.nodeIndex()), timeout, "listing nodes")));
        if (ids.isEmpty()) {
            return List.of();
        }
        String[] recordKeys = ids.stream().map(keys::node).toArray(String[]::new);
        List<KeyValue<String, String>> values =
                RedisAwait.call(() -> redis.mget(recordKeys), timeout, "reading node records");
        List<NodeRecord> records = new ArrayList<>();
        for (KeyValue<String, String> value : values) {
            if (value.hasValue()) {
                NodeRecord.fromJson(json, value.getValue()).ifPresent(records::add);
            }
        }
        return records;
    }

    private Map<Integer, LeaderTerm> leases(int shardCount) {
        Map<Integer, LeaderTerm> leases = new HashMap<>();
        if (shardCount == 0) {
            return leases;
        }
        String[] leaseKeys = new String[shardCount];
        for (int shard = 0; shard < shardCount; shard++) {
            leaseKeys[shard] = keys.shardLease(shard);
        }
        List<KeyValue<String, String>> values =
                RedisAwait.call(() -> redis.mget(leaseKeys), timeout, "reading the shard leases");
        for (int shard = 0; shard < values.size(); shard++) {
            KeyValue<String, String> value = values.get(shard);
            if (value.hasValue()) {
                int id = shard;
                LeaderTerm.parse(value.getValue()).ifPresent(term -> leases.put(id, term));
            }
        }
        return leases;
    }

    /** The live nodes, then those that are gone but an assignment or a lease still names. */
    private static List<ClusterSnapshot.Node> nodeViews(
            Map<String, NodeRecord> live, @Nullable LeaderTerm leader, List<ClusterSnapshot.Shard> shards) {
        List<ClusterSnapshot.Node> nodes = new ArrayList<>();
        String leaderId = leader == null ? null : leader.nodeId();
        live.values()
                .forEach(record -> nodes.add(new ClusterSnapshot.Node(
                        record.id(),
                        record.name(),
                        record.httpAddress(),
                        record.capacity(),
                        record.draining(),
                        record.shards(),
                        record.startedAt(),
                        record.updatedAt(),
                        true,
                        record.id().equals(leaderId))));
        Set<String> gone = new TreeSet<>();
        for (ClusterSnapshot.Shard shard : shards) {
            for (String id : new String[] {shard.assignedTo(), shard.leaseOwner()}) {
                if (id != null && !live.containsKey(id)) {
                    gone.add(id);
                }
            }
        }
        gone.forEach(id -> nodes.add(new ClusterSnapshot.Node(
                id, id, "", 1, false, new TreeSet<>(), Instant.EPOCH, Instant.EPOCH, false, id.equals(leaderId))));
        return nodes;
    }

    private ClusterSnapshot.@Nullable Budget budget(Map<String, String> fields) {
        try {
            Optional<SessionBudget> budget = RedisIdentifyBudget.parse(fields);
            return budget.map(seen ->
                            new ClusterSnapshot.Budget(seen.total(), seen.remaining(), identifyReserve, seen.resetAt()))
                    .orElse(null);
        } catch (IllegalArgumentException e) {
            return null; // not a budget the nodes wrote
        }
    }

    private static List<ClusterSnapshot.Gap> gaps(List<StreamMessage<String, String>> entries) {
        List<ClusterSnapshot.Gap> gaps = new ArrayList<>();
        for (StreamMessage<String, String> entry : entries) {
            Map<String, String> fields = entry.getBody();
            try {
                gaps.add(new ClusterSnapshot.Gap(
                        entry.getId(),
                        Integer.parseInt(fields.getOrDefault(GapFields.SHARD, "")),
                        fields.getOrDefault(GapFields.SESSION, ""),
                        Long.parseLong(fields.getOrDefault(GapFields.COMMITTED_SEQ, "-1")),
                        Long.parseLong(fields.getOrDefault(GapFields.RECEIVED_SEQ, "-1")),
                        fields.getOrDefault(GapFields.REASON, ""),
                        Instant.ofEpochMilli(Long.parseLong(fields.getOrDefault(GapFields.AT, "0")))));
            } catch (NumberFormatException e) {
                // not a gap record a node wrote: left out
            }
        }
        return gaps;
    }

    private static List<ClusterSnapshot.HandOff> handOffs(List<StreamMessage<String, String>> entries) {
        List<ClusterSnapshot.HandOff> handOffs = new ArrayList<>();
        for (StreamMessage<String, String> entry : entries) {
            HandOffLog.parse(entry.getId(), entry.getBody()).ifPresent(handOffs::add);
        }
        return handOffs;
    }
}
