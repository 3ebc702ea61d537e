package io.flotilla.cluster.lease;

/** Why a lease this node held ended; in every case the holder must stop acting on it at once. */
public enum LossReason {
    /** Redis answered that the key no longer holds our token (it expired, or another owner took it). */
    REFUSED,
    /** The local deadline passed without a confirmed renewal: assume another owner may hold it now. */
    DEADLINE,
    /** The epoch counter went backwards: Redis lost state, so nothing it says about the lease can be trusted. */
    STATE_LOST,
    /** This node released it (stop, hand-off). */
    RELEASED
}
