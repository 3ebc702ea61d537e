package io.flotilla.node;

/**
 * The faults the soak ({@link Soak}) injects on its schedule, besides the fake Discord's own chaos mode (op 7, op 9
 * true and false, op 7 before HELLO, heartbeat requests, TCP drops, 4000 closes and guild outages, running all the
 * time). Each says how often the schedule picks it; {@link Soak} applies it and waits for it to end.
 */
enum SoakFault {
    /** SIGKILL a node; it is started again 4 to 8 s later. */
    NODE_KILL(3),
    /** SIGSTOP a node for 4 s, past its 2 s leases, then SIGCONT: it must find itself fenced. */
    NODE_FREEZE(2),
    /** SIGTERM a node: it drains (its shards move by RESUME) and exits 0; it is started again at once. */
    NODE_DRAIN(2),
    /** Every byte between the nodes and Redis delayed by 150 ms, for 3 s. */
    REDIS_DELAY(2),
    /** Every connection between the nodes and Redis cut at once (they reconnect). */
    REDIS_CUT(2),
    /** Commands from the nodes to Redis held for 1.5 s while replies still flow, then released. */
    REDIS_HOLD(2),
    /** Redis SIGKILLed and started again 3 s later on its AOF (everysec: the last second may be lost). */
    REDIS_KILL(1),
    /**
     * Redis restarted from a copy of its data taken 2 s earlier: every write of those 2 s lost at once (the fake's
     * chaos pauses over those 2 s, so no session ends inside the lost window). At most once per soak.
     */
    REDIS_ROLLBACK(1),
    /**
     * A node's path to Redis dropped silently for 4 to 6 s (its network namespace drops the packets both ways, so its
     * connections stay open and go quiet), then restored: it must fence itself within its lease while it keeps its
     * Discord connections, and its shards resume elsewhere.
     */
    PARTITION_FROM_REDIS(2),
    /**
     * A node's path to the fake Discord dropped silently for 4 to 6 s, then restored: it keeps Redis and its leases,
     * its connections go zombie (no heartbeat ACK) and cannot reconnect until the path is back; then they resume.
     */
    PARTITION_FROM_DISCORD(2),
    /**
     * SIGKILL of a worker process ({@link SoakWorkers}), started again 2 to 4 s later under the same consumer name:
     * the entries it held unacknowledged are reclaimed, the one window in which an event reaches a handler twice.
     */
    WORKER_KILL(1);

    private final int weight;

    SoakFault(int weight) {
        this.weight = weight;
    }

    /** The fault a draw of {@code 0 <= roll < total()} lands on. */
    static SoakFault pick(int roll) {
        int left = roll;
        for (SoakFault fault : values()) {
            if (left < fault.weight) {
                return fault;
            }
            left -= fault.weight;
        }
        throw new IllegalArgumentException("roll " + roll + " is not below " + total());
    }

    static int total() {
        int total = 0;
        for (SoakFault fault : values()) {
            total += fault.weight;
        }
        return total;
    }
}
