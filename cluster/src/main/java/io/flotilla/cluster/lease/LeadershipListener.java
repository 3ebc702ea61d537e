package io.flotilla.cluster.lease;

import io.flotilla.cluster.ClusterException;
import java.time.Instant;

/**
 * What a {@link LeaderLease} tells its node. Called on the lease's scheduler thread; keep it short (hand the
 * news to the coordinator's own loop).
 */
public interface LeadershipListener {
    /** This node leads from now until {@code deadline} unless renewed; its writes carry {@code term}. */
    void elected(LeaderTerm term, Instant deadline);

    /** This node no longer leads: stop every leader write at once. */
    void lost(LeaderTerm term, LossReason reason);

    /** A renewal failed (Redis unreachable); the term still holds until {@code deadline}. */
    default void renewalFailed(LeaderTerm term, Instant deadline, ClusterException cause) {}

    /** Redis lost state (the epoch counter went backwards): stop acting on what it said, re-read. */
    default void stateLost(EpochRegressedException cause) {}
}
