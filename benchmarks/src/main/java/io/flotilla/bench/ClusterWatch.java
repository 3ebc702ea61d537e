package io.flotilla.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.cluster.membership.NodeRecord;
import io.flotilla.worker.Keys;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads what a cluster's nodes say they run from their node records in Redis ({@code g:cluster:<group>:nodes} and
 * each {@code ...:node:<id>} JSON), for the cluster benchmarks. Not thread-safe; borrows the caller's connection.
 */
final class ClusterWatch {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RedisCommands<String, String> redis;
    private final Keys keys;

    ClusterWatch(RedisCommands<String, String> redis, Keys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** Node name → the shards its record says it runs (nodes whose record expired are absent). */
    Map<String, Set<Integer>> running() {
        Map<String, Set<Integer>> byName = new TreeMap<>();
        for (String id : redis.smembers(keys.nodeIndex())) {
            String json = redis.get(keys.node(id));
            if (json != null) {
                NodeRecord.fromJson(JSON, json).ifPresent(record -> byName.put(record.name(), record.shards()));
            }
        }
        return byName;
    }

    /** Every shard runs exactly once, on the named nodes, loads within one of each other. */
    boolean balanced(Set<String> names, int shardCount) {
        Map<String, Set<Integer>> running = running();
        if (!running.keySet().equals(names)) {
            return false;
        }
        Set<Integer> all = new TreeSet<>();
        int total = 0;
        int most = 0;
        int least = Integer.MAX_VALUE;
        for (Set<Integer> shards : running.values()) {
            all.addAll(shards);
            total += shards.size();
            most = Math.max(most, shards.size());
            least = Math.min(least, shards.size());
        }
        return all.size() == shardCount && total == shardCount && most - least <= 1;
    }
}
