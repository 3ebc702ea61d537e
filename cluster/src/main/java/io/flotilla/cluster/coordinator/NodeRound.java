package io.flotilla.cluster.coordinator;

import io.flotilla.cluster.assign.Assignment;
import java.util.Collections;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one node does in one round, decided from the assignment and its own state. Pure (no Redis, no clock); a
 * value. {@link NodeActions} applies it in the order of the components: fence, release, hand off, start.
 *
 * <p>The rules, per shard (shards being handed off are left alone until the hand-off completes):
 *
 * <ul>
 *   <li>running without a live lease: <b>fence</b> (its lease ended; it must stop at once, whatever the assignment
 *       says, and must not hand off: it may not commit);
 *   <li>running with a lease but assigned to another node: <b>hand off</b> (the lease is released after);
 *   <li>running with a lease, assigned here or to no one: keep running (an unassigned shard keeps its owner, the
 *       leader adopts it);
 *   <li>a lease held while the shard does not run (a failed start, a shard the host stopped by itself, a release
 *       that failed): <b>release</b>, so the next owner need not wait for the TTL and this node takes a fresh epoch;
 *   <li>assigned here, not running, this node not draining: <b>start</b> (take the lease, then start; the lease is
 *       taken only when free, so until the previous owner released it or it expired, this repeats every round).
 * </ul>
 *
 * @param fence shards to stop at once
 * @param release shards whose lease to give up
 * @param handOff shard → the node it is assigned to now
 * @param start shards to take the lease of and start
 */
public record NodeRound(
        SortedSet<Integer> fence,
        SortedSet<Integer> release,
        SortedMap<Integer, String> handOff,
        SortedSet<Integer> start) {

    public NodeRound {
        fence = Collections.unmodifiableSortedSet(new TreeSet<>(fence));
        release = Collections.unmodifiableSortedSet(new TreeSet<>(release));
        handOff = Collections.unmodifiableSortedMap(new TreeMap<>(handOff));
        start = Collections.unmodifiableSortedSet(new TreeSet<>(start));
    }

    /**
     * Decides one round.
     *
     * @param nodeId this node
     * @param assignment the assignment as the leader wrote it
     * @param running what the host runs now
     * @param held the shard leases this node holds (live, before their local deadline)
     * @param handingOff the shards whose hand-off was started and has not completed
     * @param draining true when this node stops gracefully: it starts nothing
     */
    public static NodeRound decide(
            String nodeId,
            Assignment assignment,
            Set<Integer> running,
            Set<Integer> held,
            Set<Integer> handingOff,
            boolean draining) {
        TreeSet<Integer> fence = new TreeSet<>();
        TreeSet<Integer> release = new TreeSet<>();
        TreeMap<Integer, String> handOff = new TreeMap<>();
        TreeSet<Integer> start = new TreeSet<>();
        for (int shard : running) {
            if (handingOff.contains(shard)) {
                continue;
            }
            String owner = assignment.nodeOf(shard);
            if (!held.contains(shard)) {
                fence.add(shard);
            } else if (owner != null && !owner.equals(nodeId)) {
                handOff.put(shard, owner);
            }
        }
        for (int shard : held) {
            if (!running.contains(shard) && !handingOff.contains(shard)) {
                release.add(shard);
            }
        }
        if (!draining) {
            for (int shard : assignment.shardsOf(nodeId)) {
                if (!running.contains(shard) && !handingOff.contains(shard)) {
                    start.add(shard);
                }
            }
        }
        return new NodeRound(fence, release, handOff, start);
    }

    /** True when there is nothing to do. */
    public boolean idle() {
        return fence.isEmpty() && release.isEmpty() && handOff.isEmpty() && start.isEmpty();
    }
}
