package io.flotilla.cluster.assign;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One round's working state for the nodes that may take shards (live, not draining), sorted by id: how many shards
 * each holds, its share of the {@code N} shards by weight, and the shards that may still move for balance. Exact
 * integer maths: node {@code i}'s ideal is {@code N * w_i / W}; its bounds are the floor and ceiling of that; its
 * deficit, scaled by {@code W}, is {@code N * w_i - load_i * W}.
 *
 * <p>Owned by one {@link Assignor#next} call; not thread-safe.
 */
final class Loads {
    private final List<NodeView> nodes;
    private final long shardCount;
    private final long totalWeight;
    private final int[] load;
    private final List<TreeSet<Integer>> movable = new ArrayList<>();

    Loads(List<NodeView> eligibleSortedById, int shardCount) {
        this.nodes = List.copyOf(eligibleSortedById);
        this.shardCount = shardCount;
        this.totalWeight = nodes.stream().mapToLong(NodeView::capacityWeight).sum();
        this.load = new int[nodes.size()];
        nodes.forEach(node -> movable.add(new TreeSet<>()));
    }

    boolean isEmpty() {
        return nodes.isEmpty();
    }

    int size() {
        return nodes.size();
    }

    String id(int node) {
        return nodes.get(node).id();
    }

    int load(int node) {
        return load[node];
    }

    /** Counts a shard that stays on the node; {@code canMove} if balance may later move it away. */
    void keep(int node, int shard, boolean canMove) {
        load[node]++;
        if (canMove) {
            movable.get(node).add(shard);
        }
    }

    /** Counts a shard given to the node this round (it will not move again this round). */
    void add(int node) {
        load[node]++;
    }

    /** Takes the highest movable shard off the node, or -1. */
    int takeMovable(int node) {
        Integer shard = movable.get(node).pollLast();
        if (shard == null) {
            return -1;
        }
        load[node]--;
        return shard;
    }

    boolean hasMovable(int node) {
        return !movable.get(node).isEmpty();
    }

    long floor(int node) {
        return shardCount * nodes.get(node).capacityWeight() / totalWeight;
    }

    long ceil(int node) {
        long share = shardCount * nodes.get(node).capacityWeight();
        return (share + totalWeight - 1) / totalWeight;
    }

    long scaledDeficit(int node) {
        return shardCount * nodes.get(node).capacityWeight() - (long) load[node] * totalWeight;
    }

    /**
     * The node that should take the next shard, or -1: below its floor first, then the largest deficit (the least
     * loaded for its capacity), then the smaller id; never one in {@code excluded}, never one at its ceiling when
     * {@code belowCeilingOnly}.
     */
    int receiver(Set<String> excluded, boolean belowCeilingOnly) {
        int best = -1;
        for (int node = 0; node < nodes.size(); node++) {
            if (excluded.contains(id(node)) || (belowCeilingOnly && load[node] >= ceil(node))) {
                continue;
            }
            if (best < 0 || before(node, best)) {
                best = node;
            }
        }
        return best;
    }

    /** The most loaded node for its capacity among those above {@code floor} (or above ceiling), with a movable shard. */
    int donor(boolean aboveCeilingOnly) {
        int best = -1;
        for (int node = 0; node < nodes.size(); node++) {
            long bound = aboveCeilingOnly ? ceil(node) : floor(node);
            if (load[node] <= bound || !hasMovable(node)) {
                continue;
            }
            if (best < 0 || scaledDeficit(node) < scaledDeficit(best)) {
                best = node;
            }
        }
        return best;
    }

    /** True if some node holds fewer than its floor. */
    boolean anyBelowFloor() {
        for (int node = 0; node < nodes.size(); node++) {
            if (load[node] < floor(node)) {
                return true;
            }
        }
        return false;
    }

    private boolean before(int a, int b) {
        boolean aBelow = load[a] < floor(a);
        boolean bBelow = load[b] < floor(b);
        if (aBelow != bBelow) {
            return aBelow;
        }
        // Nodes are sorted by id, so on a tie the earlier index (smaller id) stays best.
        return scaledDeficit(a) > scaledDeficit(b);
    }
}
