package io.flotilla.cluster.coordinator;

import io.flotilla.cluster.assign.Assignment;
import io.flotilla.cluster.membership.NodeRecord;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A read-only snapshot of one node's coordinator, as of its last round, for status pages and metrics. A value.
 *
 * @param nodeId this node's id
 * @param leader true while this node leads
 * @param leaderId the node that leads as Redis last said, or null when no one does
 * @param leaderEpoch the leader's epoch, or 0 when no one leads
 * @param shardCount this node's (and so the cluster's) shard count
 * @param assignment the assignment as last read or written
 * @param running the shards this node runs
 * @param handingOff the shards this node is handing off
 * @param draining true once {@link Coordinator#drain} was called
 * @param members the live node records as last read
 * @param problem why the coordinator does not act (Redis unreachable, a shard count mismatch), or null
 */
public record CoordinatorView(
        String nodeId,
        boolean leader,
        @Nullable String leaderId,
        long leaderEpoch,
        int shardCount,
        Assignment assignment,
        SortedSet<Integer> running,
        SortedSet<Integer> handingOff,
        boolean draining,
        List<NodeRecord> members,
        @Nullable String problem) {

    public CoordinatorView {
        running = Collections.unmodifiableSortedSet(new TreeSet<>(running));
        handingOff = Collections.unmodifiableSortedSet(new TreeSet<>(handingOff));
        members = List.copyOf(members);
    }

    /** This view with what is known locally now and why the coordinator does not act (a round that failed). */
    CoordinatorView withProblem(
            @Nullable String now, boolean leading, SortedSet<Integer> runningNow, SortedSet<Integer> handingOffNow) {
        return new CoordinatorView(
                nodeId,
                leading,
                leaderId,
                leaderEpoch,
                shardCount,
                assignment,
                runningNow,
                handingOffNow,
                draining,
                members,
                now);
    }

    /** Before the first round. */
    static CoordinatorView initial(String nodeId, int shardCount) {
        return new CoordinatorView(
                nodeId,
                false,
                null,
                0,
                shardCount,
                Assignment.EMPTY,
                new TreeSet<>(),
                new TreeSet<>(),
                false,
                List.of(),
                null);
    }
}
