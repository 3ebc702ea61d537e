package io.flotilla.cluster.coordinator;

import io.flotilla.cluster.assign.Assignment;
import io.flotilla.cluster.assign.Assignor;
import io.flotilla.cluster.lease.FencedHash;
import io.flotilla.cluster.lease.LeaderTerm;
import io.flotilla.cluster.membership.NodeRecord;
import io.flotilla.worker.Keys;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's part of a round: notes when this node begins or stops leading, decides a {@link LeaderRound} from
 * what the round read and writes it under the term ({@link LeaderWrites}). A new leader of a cluster without any
 * assignment first waits {@link CoordinatorConfig#coldStartDelay}, so the nodes starting with it can register and
 * the first assignment is balanced instead of moved by hand-offs. Operators' move requests are carried out here
 * ({@link OperatorMoves}).
 *
 * <p>Owns the term this node last led with and since when. Owned by the coordinator's loop thread.
 */
final class Leading {
    private static final Logger LOG = LoggerFactory.getLogger(Leading.class);

    // Settings and collaborators.
    private final CoordinatorConfig config;
    private final String nodeName;
    private final InstantSource clock;
    private final Assignor assignor;
    private final LeaderWrites writes;
    private final ShardHost host;
    private final OperatorMoves operator;

    // Loop thread only.
    private @Nullable LeaderTerm led;
    private Instant ledSince = Instant.EPOCH;
    private java.util.Set<String> members = java.util.Set.of();
    private Instant membersSince = Instant.EPOCH;

    Leading(
            CoordinatorConfig config,
            Keys keys,
            String nodeName,
            InstantSource clock,
            FencedHash hash,
            ShardHost host,
            ClusterReads reads) {
        this.config = config;
        this.host = host;
        this.nodeName = nodeName;
        this.clock = clock;
        this.assignor = new Assignor(config.maxMovesPerRound());
        this.writes = new LeaderWrites(hash, keys, config.shardCount());
        this.operator = new OperatorMoves(reads, config.shardCount());
    }

    /** Notes the term this node holds now (null when it does not lead), logging when that changed. */
    void note(@Nullable LeaderTerm term) {
        if (term != null && !term.equals(led)) {
            operator.newTerm();
            ledSince = clock.instant();
            membersSince = ledSince;
            LOG.info(
                    "{} is the leader now (epoch {}): it assigns the {} shards (a cold start waits {} ms first{})",
                    nodeName,
                    term.epoch(),
                    config.shardCount(),
                    config.coldStartDelay().toMillis(),
                    config.expectedNodes() > 0 ? ", or until " + config.expectedNodes() + " nodes joined" : "");
        } else if (term == null && led != null) {
            LOG.info("{} no longer leads (epoch {}): it stops writing the assignment", nodeName, led.epoch());
        }
        led = term;
    }

    /** True when the cluster's leader wrote another shard count than this node's: the cluster is not this node's. */
    boolean mismatched(Optional<StoredShardCount> count, Optional<LeaderTerm> leader) {
        // Only the current leader's count is the cluster's: one left by an older leader is rewritten by the next.
        return count.isPresent()
                && count.get().count() != config.shardCount()
                && leader.isPresent()
                && count.get().epoch() >= leader.get().epoch();
    }

    /**
     * Decides and writes the leader's round under {@code term}.
     *
     * @param names node id → name, for the log
     * @return the assignment in Redis now: the decided one when all of it was written, else the stored one
     * @throws io.flotilla.cluster.ClusterException when Redis failed
     */
    Assignment lead(
            LeaderTerm term,
            List<NodeRecord> members,
            StoredAssignment stored,
            Optional<StoredShardCount> count,
            Function<String, String> names) {
        if (waitingForColdStart(stored, members)) {
            return stored.assignment();
        }
        OperatorMoves.Requests requests = operator.read(members, stored, names);
        LeaderRound decided = LeaderRound.decide(
                assignor, config.shardCount(), members, stored, count, requests.moves(), requests.pinned());
        if (stored.assignment().size() == 0 && !decided.writes().isEmpty()) {
            // Before any node may run one: the identify turns learn the whole plan (again, if the write is retried).
            host.coldStart(new java.util.TreeSet<>(decided.writes().keySet()));
        }
        if (!writes.write(term, decided, names)) {
            return stored.assignment();
        }
        operator.handled(requests);
        return decided.next();
    }

    /**
     * True while a new leader of a cluster without any assignment lets the nodes starting with it register: until no
     * node joined for {@link CoordinatorConfig#coldStartDelay} (Kafka's initial rebalance delay, extended by each
     * join), at most four such delays after it became leader, or until {@link CoordinatorConfig#expectedNodes} have
     * joined. Placing shards on the first node only to hand most of them off before they were READY would make them
     * identify out of their buckets' order.
     */
    private boolean waitingForColdStart(StoredAssignment stored, List<NodeRecord> current) {
        if (stored.assignment().size() != 0) {
            return false;
        }
        Instant now = clock.instant();
        java.util.Set<String> ids = new java.util.TreeSet<>();
        current.forEach(record -> ids.add(record.id()));
        if (!ids.equals(members)) {
            members = ids;
            membersSince = now;
        }
        if (config.expectedNodes() > 0 && ids.size() >= config.expectedNodes()) {
            return false;
        }
        Duration delay = config.coldStartDelay();
        return now.isBefore(membersSince.plus(delay)) && now.isBefore(ledSince.plus(delay.multipliedBy(4)));
    }
}
