package io.flotilla.cluster.coordinator;

import io.flotilla.cluster.membership.NodeRecord;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's side of operators' move requests ({@code g:cluster:<group>:moves}, written by {@code
 * io.flotilla.cluster.status.ClusterControl}): each round it reads them, keeps those it can carry out (a shard of
 * the cluster, a live node that is not draining; the others are logged and deleted), and once the round is written
 * deletes them. A moved shard stays pinned where the operator put it, so balance does not move it straight back,
 * while this node leads and the shard stays assigned there (a drain or the node's end still moves it).
 *
 * <p>Owns the pins. Owned by the coordinator's loop thread.
 */
final class OperatorMoves {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorMoves.class);

    /**
     * One round's requests.
     *
     * @param moves shard → node id, to carry out
     * @param pinned shards balance leaves alone (the moves' shards included)
     * @param fields every request field read (deleted once the round is written)
     */
    record Requests(SortedMap<Integer, String> moves, SortedSet<Integer> pinned, Set<String> fields) {
        Requests {
            moves = Collections.unmodifiableSortedMap(new TreeMap<>(moves));
            pinned = Collections.unmodifiableSortedSet(new TreeSet<>(pinned));
            fields = Set.copyOf(fields);
        }
    }

    private final ClusterReads reads;
    private final int shardCount;

    // Loop thread only: shard → the node an operator put it on.
    private final Map<Integer, String> pins = new HashMap<>();

    OperatorMoves(ClusterReads reads, int shardCount) {
        this.reads = reads;
        this.shardCount = shardCount;
    }

    /** This node leads anew: pins of an earlier term are forgotten. */
    void newTerm() {
        pins.clear();
    }

    /**
     * Reads the requests and drops the pins that no longer hold.
     *
     * @throws io.flotilla.cluster.ClusterException when Redis failed
     */
    Requests read(List<NodeRecord> members, StoredAssignment stored, Function<String, String> names) {
        Map<String, NodeRecord> takers = new HashMap<>();
        members.stream().filter(member -> !member.draining()).forEach(member -> takers.put(member.id(), member));
        pins.entrySet()
                .removeIf(pin -> !takers.containsKey(pin.getValue())
                        || !pin.getValue().equals(stored.assignment().nodeOf(pin.getKey())));
        Map<String, String> fields = reads.moveRequests();
        TreeMap<Integer, String> moves = new TreeMap<>();
        fields.forEach((field, node) -> {
            Integer shard = shardOf(field);
            if (shard == null) {
                LOG.warn("move request for '{}' dropped: not a shard of this cluster (0..{})", field, shardCount - 1);
            } else if (!takers.containsKey(node)) {
                LOG.warn(
                        "move request of shard {} to {} dropped: no live node that may take shards has that id",
                        shard,
                        names.apply(node));
            } else {
                moves.put(shard, node);
            }
        });
        TreeSet<Integer> pinned = new TreeSet<>(pins.keySet());
        pinned.addAll(moves.keySet());
        return new Requests(moves, pinned, fields.keySet());
    }

    /** The round carrying out {@code requests} was written: pin its shards and delete the requests. */
    void handled(Requests requests) {
        pins.putAll(requests.moves());
        try {
            reads.clearMoveRequests(requests.fields());
        } catch (RuntimeException e) {
            LOG.warn("deleting the handled move requests failed ({}); the next round finds them done", e.getMessage());
        }
    }

    private @org.jspecify.annotations.Nullable Integer shardOf(String field) {
        try {
            int shard = Integer.parseInt(field);
            return shard >= 0 && shard < shardCount && field.equals(Integer.toString(shard)) ? shard : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
