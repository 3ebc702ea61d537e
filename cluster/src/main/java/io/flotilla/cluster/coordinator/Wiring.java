package io.flotilla.cluster.coordinator;

import io.flotilla.cluster.lease.EpochWatch;
import io.flotilla.cluster.lease.FencedHash;
import io.flotilla.cluster.lease.LeaderLease;
import io.flotilla.cluster.lease.LeadershipListener;
import io.flotilla.cluster.lease.ShardLeaseListener;
import io.flotilla.cluster.lease.ShardLeases;
import io.flotilla.cluster.membership.Membership;
import io.flotilla.cluster.membership.NodeRecord;
import io.flotilla.cluster.status.HandOffLog;
import io.flotilla.worker.Keys;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A coordinator's Redis edges, made once Redis answers: three connections (one shared by the reads, the fenced
 * writes and the membership record; one for each lease owner, since a {@code WAIT} holds its connection), the
 * membership, the leader lease, the shard leases and the fenced hash, all sharing one {@link EpochWatch}, and the
 * hand-off log.
 *
 * <p>Immutable once made; {@link #stop} closes the owners (on the coordinator's loop thread), {@link #close} the
 * connections after.
 */
record Wiring(
        Membership membership,
        LeaderLease leader,
        ShardLeases leases,
        FencedHash hash,
        ClusterReads reads,
        HandOffLog handOffs,
        List<StatefulRedisConnection<String, String>> connections)
        implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Wiring.class);

    /**
     * Opens the connections and makes the owners (none is started).
     *
     * @throws RuntimeException when a connection cannot be opened (those already opened are closed)
     */
    static Wiring connect(
            Supplier<StatefulRedisConnection<String, String>> connections,
            CoordinatorConfig config,
            Keys keys,
            NodeRecord self,
            InstantSource clock,
            CoordinatorThreads threads,
            LeadershipListener leadership,
            ShardLeaseListener shardLeases) {
        List<StatefulRedisConnection<String, String>> opened = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                opened.add(connections.get());
            }
        } catch (RuntimeException e) {
            opened.forEach(Wiring::closeQuietly);
            throw e;
        }
        EpochWatch epochs = new EpochWatch();
        StatefulRedisConnection<String, String> shared = opened.get(0);
        return new Wiring(
                new Membership(shared, keys, config.membership(), clock, threads.leader(), self),
                new LeaderLease(
                        opened.get(1), keys, self.id(), config.leases(), clock, threads.leader(), epochs, leadership),
                new ShardLeases(
                        opened.get(2), keys, self.id(), config.leases(), clock, threads.leases(), epochs, shardLeases),
                new FencedHash(shared, keys, config.redisTimeout()),
                new ClusterReads(shared, keys, config.redisTimeout()),
                new HandOffLog(shared, keys, clock),
                List.copyOf(opened));
    }

    /**
     * Fences what the host runs, then releases the shard leases (so their next owners need not wait for the TTL), the
     * leadership and the node record, each step on its own: a step that fails is logged and left to expire.
     */
    void stop(ShardHost host, String why) {
        for (int shard : new TreeSet<>(host.running())) {
            LOG.info("fencing shard {}: {}", shard, why);
            host.fence(shard, why);
        }
        quietly("releasing the shard leases", leases::close);
        quietly("releasing the leadership", leader::close);
        quietly("deleting the node record", membership::close);
    }

    @Override
    public void close() {
        connections.forEach(Wiring::closeQuietly);
    }

    private static void quietly(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.warn("{} failed ({}); Redis lets it expire", what, e.getMessage());
        }
    }

    private static void closeQuietly(StatefulRedisConnection<String, String> connection) {
        try {
            connection.close();
        } catch (RuntimeException e) {
            LOG.debug("closing a coordinator connection failed: {}", e.toString());
        }
    }
}
