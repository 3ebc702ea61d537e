package io.flotilla.node.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.cluster.membership.NodeRecord;
import io.flotilla.fake.FakeLog;
import io.flotilla.fake.IdentifyRecord;
import io.flotilla.fake.ResumeRecord;
import io.flotilla.worker.Keys;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Turns what the cluster does into one terminal line per change: who runs a shard comes from the node records in
 * Redis ({@link Keys#nodeIndex()}, {@link Keys#node}), how it started from the fake's log (a READY identify or a
 * RESUMED resume). A shard is reported once a new identify or resume of it is logged and exactly one live node
 * (not one the demo killed) claims it; the placement summary once it stayed the same for a second. The dashboard's
 * URL once the first node's record appears (its HTTP address: the nodes listen on free ports).
 *
 * <p>Confined to the demo's one thread ({@link #poll}, {@link #killed}).
 */
final class DemoWatch {
    private static final Duration SETTLE = Duration.ofSeconds(1);

    private final RedisCommands<String, String> redis;
    private final FakeLog log;
    private final Keys keys;
    private final int shardCount;
    private final InstantSource clock;
    private final Consumer<String> out;
    private final ObjectMapper json = new ObjectMapper();
    private final int[] reported;
    private final Set<String> deadIds = new HashSet<>();
    private final Map<String, String> knownNodes = new HashMap<>();
    private final Set<Integer> awaitingResume = new HashSet<>();
    private @Nullable Instant killedAt;
    private Map<Integer, String> placement = Map.of();
    private Instant placementSince;
    private String summary = "";
    private boolean dashboardShown;

    DemoWatch(
            RedisCommands<String, String> redis,
            FakeLog log,
            Keys keys,
            int shardCount,
            InstantSource clock,
            Consumer<String> out) {
        this.redis = redis;
        this.log = log;
        this.keys = keys;
        this.shardCount = shardCount;
        this.clock = clock;
        this.out = out;
        this.reported = new int[shardCount];
        this.placementSince = clock.instant();
    }

    /** The shards node {@code name} claims now. */
    Set<Integer> shardsOf(String name) {
        Set<Integer> shards = new java.util.TreeSet<>();
        placement.forEach((shard, owner) -> {
            if (owner.equals(name)) {
                shards.add(shard);
            }
        });
        return shards;
    }

    /** Node {@code name} was SIGKILLed at {@code at}: its records are ignored and its shards awaited. */
    void killed(String name, Instant at) {
        knownNodes.forEach((id, node) -> {
            if (node.equals(name)) {
                deadIds.add(id);
            }
        });
        awaitingResume.addAll(shardsOf(name));
        killedAt = at;
    }

    /** True once every shard of the killed node started again elsewhere. */
    boolean resumedAll() {
        return awaitingResume.isEmpty();
    }

    /** True once every shard runs on exactly one live node and that placement settled. */
    boolean allRunning() {
        return !summary.isEmpty() && summary.equals(summaryOf(placement));
    }

    void poll() {
        Map<String, NodeRecord> live = liveRecords();
        Map<Integer, String> owners = new HashMap<>();
        Set<Integer> contested = new HashSet<>();
        live.values()
                .forEach(node -> node.shards().forEach(shard -> {
                    if (owners.putIfAbsent(shard, node.name()) != null) {
                        contested.add(shard);
                    }
                }));
        contested.forEach(owners::remove);
        Map<Integer, IdentifyRecord> readies = new HashMap<>();
        Map<Integer, Integer> starts = new HashMap<>();
        for (IdentifyRecord identify : log.identifies()) {
            if ("READY".equals(identify.outcome()) && identify.shardId() >= 0) {
                starts.merge(identify.shardId(), 1, Integer::sum);
                readies.put(identify.shardId(), identify);
            }
        }
        Map<Integer, ResumeRecord> resumes = new HashMap<>();
        for (ResumeRecord resume : log.resumes()) {
            if ("RESUMED".equals(resume.outcome()) && resume.shardId() >= 0) {
                starts.merge(resume.shardId(), 1, Integer::sum);
                resumes.put(resume.shardId(), resume);
            }
        }
        for (int shard = 0; shard < shardCount; shard++) {
            int count = starts.getOrDefault(shard, 0);
            String owner = owners.get(shard);
            if (count == reported[shard] || owner == null) {
                continue;
            }
            reported[shard] = count;
            ResumeRecord resume = resumes.get(shard);
            IdentifyRecord ready = readies.get(shard);
            boolean resumedLast =
                    resume != null && (ready == null || resume.at().isAfter(ready.at()));
            Instant at = resume != null && resumedLast ? resume.at() : ready == null ? clock.instant() : ready.at();
            String line = resumedLast
                    ? "shard " + shard + " RESUMED on " + owner
                    : "shard " + shard + "/" + shardCount + " READY on " + owner;
            Instant kill = killedAt;
            if (awaitingResume.remove(shard) && kill != null) {
                line += String.format(
                        Locale.ROOT,
                        " (%.1f s after the kill)",
                        Duration.between(kill, at).toMillis() / 1000.0);
            }
            out.accept(line);
        }
        if (!owners.equals(placement)) {
            placement = Map.copyOf(owners);
            placementSince = clock.instant();
        }
        String now = summaryOf(placement);
        boolean settled =
                !Duration.between(placementSince, clock.instant()).minus(SETTLE).isNegative();
        if (!now.isEmpty() && settled && !now.equals(summary)) {
            summary = now;
            out.accept(now);
        }
    }

    /** "all 16 shards running: node-a 6, ..." when every shard has one owner and was reported, else "". */
    private String summaryOf(Map<Integer, String> owners) {
        if (owners.size() < shardCount) {
            return "";
        }
        for (int count : reported) {
            if (count == 0) {
                return "";
            }
        }
        Map<String, Integer> perNode = new TreeMap<>();
        owners.values().forEach(name -> perNode.merge(name, 1, Integer::sum));
        StringBuilder line = new StringBuilder("all " + shardCount + " shards running:");
        perNode.forEach((name, count) -> line.append(line.charAt(line.length() - 1) == ':' ? " " : ", ")
                .append(name)
                .append(' ')
                .append(count));
        return line.toString();
    }

    private Map<String, NodeRecord> liveRecords() {
        Map<String, NodeRecord> live = new HashMap<>();
        for (String id : redis.smembers(keys.nodeIndex())) {
            if (deadIds.contains(id)) {
                continue;
            }
            String text = redis.get(keys.node(id));
            if (text != null) {
                NodeRecord.fromJson(json, text).ifPresent(record -> live.put(id, record));
            }
        }
        live.forEach((id, record) -> {
            if (knownNodes.put(id, record.name()) == null) {
                out.accept(record.name() + " joined the cluster (id " + id + ")");
                if (!dashboardShown
                        && record.name().equals(DemoOptions.NODE_NAMES[0])
                        && !record.httpAddress().isEmpty()) {
                    dashboardShown = true; // once: node-a is never the one killed, so its address holds
                    out.accept("dashboard http://" + record.httpAddress() + "/  (every node serves it; "
                            + "the cluster as JSON at /api/cluster)");
                }
            }
        });
        return live;
    }
}
