package io.flotilla.cluster.lease;

/**
 * The group's epoch counter is lower than one this node already saw: Redis lost state (a restart without its
 * data, a promoted replica that missed writes). The node must stop acting on anything Redis told it (leases,
 * assignment), re-read, and re-elect. The lease owners that report it lift the counter back above every epoch
 * this node issued, so no epoch is handed out twice.
 */
public final class EpochRegressedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long highestSeen;
    private final long found;

    public EpochRegressedException(long highestSeen, long found) {
        super("the epoch counter went backwards (this node saw " + highestSeen + ", Redis now says " + found
                + "): Redis lost state; stop acting on leases and assignment, re-read, re-elect");
        this.highestSeen = highestSeen;
        this.found = found;
    }

    public long highestSeen() {
        return highestSeen;
    }

    public long found() {
        return found;
    }
}
