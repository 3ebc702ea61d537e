package io.flotilla.cluster.assign;

import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The result of one {@link Assignor} round: what the leader writes and why. An immutable value.
 *
 * @param next the next assignment
 * @param moves the shards whose node changed, in the order they were decided
 * @param unassigned shards that have no node in {@code next} (only when no node may take shards)
 * @param moving shards still being handed off (a node other than the assignee reports running them); they were left
 *     where they are and counted against the round's bound
 */
public record AssignmentRound(
        Assignment next, List<Move> moves, SortedSet<Integer> unassigned, SortedSet<Integer> moving) {
    public AssignmentRound {
        moves = List.copyOf(moves);
        unassigned = Collections.unmodifiableSortedSet(new TreeSet<>(unassigned));
        moving = Collections.unmodifiableSortedSet(new TreeSet<>(moving));
    }

    /** The moves that are hand-offs between live nodes (the ones the per-round bound limits). */
    public long handOffs() {
        return moves.stream().filter(move -> move.reason().handOff()).count();
    }

    /** True when nothing changed. */
    public boolean unchanged() {
        return moves.isEmpty();
    }
}
