package io.flotilla.cluster.assign;

import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Which node each shard is assigned to: a map shard id → node id, so no shard is ever on two nodes. A shard that is
 * absent is unassigned. An immutable value (the map is a sorted copy).
 *
 * @param byShard shard id → node id, sorted by shard id
 */
public record Assignment(NavigableMap<Integer, String> byShard) {
    /** Nothing assigned. */
    public static final Assignment EMPTY = new Assignment(new TreeMap<>());

    public Assignment {
        TreeMap<Integer, String> copy = new TreeMap<>();
        byShard.forEach((shard, node) -> {
            if (shard < 0) {
                throw new IllegalArgumentException("shard ids start at 0, got " + shard);
            }
            copy.put(shard, Objects.requireNonNull(node, "node of shard " + shard));
        });
        byShard = Collections.unmodifiableNavigableMap(copy);
    }

    public static Assignment of(Map<Integer, String> byShard) {
        return new Assignment(new TreeMap<>(byShard));
    }

    /** The node the shard is assigned to, or null. */
    public @Nullable String nodeOf(int shard) {
        return byShard.get(shard);
    }

    /** The shards assigned to {@code nodeId}, ascending. */
    public SortedSet<Integer> shardsOf(String nodeId) {
        TreeSet<Integer> shards = new TreeSet<>();
        byShard.forEach((shard, node) -> {
            if (node.equals(nodeId)) {
                shards.add(shard);
            }
        });
        return Collections.unmodifiableSortedSet(shards);
    }

    /** Node id → number of shards assigned to it (nodes with none are absent). */
    public Map<String, Integer> loads() {
        TreeMap<String, Integer> loads = new TreeMap<>();
        byShard.values().forEach(node -> loads.merge(node, 1, Integer::sum));
        return Collections.unmodifiableMap(loads);
    }

    public int size() {
        return byShard.size();
    }
}
