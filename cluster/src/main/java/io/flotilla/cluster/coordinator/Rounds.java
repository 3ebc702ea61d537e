package io.flotilla.cluster.coordinator;

import io.flotilla.cluster.ClusterException;
import io.flotilla.cluster.assign.Assignment;
import io.flotilla.cluster.lease.EpochRegressedException;
import io.flotilla.cluster.lease.LeaderTerm;
import io.flotilla.cluster.membership.NodeRecord;
import io.flotilla.worker.Keys;
import io.lettuce.core.RedisException;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordinator's rounds, once the node joined. One {@link #round}: read the members, the config, the leader key
 * and the assignment; when this node leads, decide and write the leader's round ({@link Leading}); decide this node's
 * round from the assignment and apply it ({@link NodeActions}); write what the host runs into the node record; publish
 * the {@link CoordinatorView}. An operator's drain request for this node begins its drain, as {@link Coordinator#drain}
 * does. A Redis failure ends the round (logged once per outage by {@link OutageLog}) and the next one retries. A leader with another shard count {@linkplain #halt halts} the rounds for good.
 * While the cluster has no assignment yet (a cold start), rounds come {@value #COLD_START_POLLS} times as often, so
 * the leader places the shards as soon as the nodes it waits for joined and every node starts its first shards at
 * once, not up to a tick later: each round-1 shard that starts late delays its identify bucket's every round.
 *
 * <p>Owns the view, the node names seen, what was last reported in the record, and whether the rounds were halted
 * or closed. Owned by the coordinator's loop thread; {@link #view} may be read from any thread.
 */
final class Rounds {
    private static final Logger LOG = LoggerFactory.getLogger(Rounds.class);
    static final int COLD_START_POLLS = 5;

    // Settings and collaborators.
    private final CoordinatorConfig config;
    private final Keys keys;
    private final NodeRecord self;
    private final Wiring wiring;
    private final ShardHost host;
    private final OutageLog outage;
    private final LeaseNews news;
    private final Drain drain;
    private final Leading leading;
    private final NodeActions actions;
    private final Loop loop;

    // Loop thread only.
    private final Map<String, String> names = new HashMap<>();
    private SortedSet<Integer> reported = new TreeSet<>();
    private @Nullable String halted;
    private boolean closed;
    private boolean quickRoundQueued;

    private volatile CoordinatorView view;

    Rounds(
            CoordinatorConfig config,
            Keys keys,
            NodeRecord self,
            Wiring wiring,
            ShardHost host,
            InstantSource clock,
            Loop loop,
            OutageLog outage,
            LeaseNews news,
            Drain drain) {
        this.config = config;
        this.keys = keys;
        this.self = self;
        this.wiring = wiring;
        this.host = host;
        this.outage = outage;
        this.news = news;
        this.drain = drain;
        this.loop = loop;
        this.leading = new Leading(config, keys, self.name(), clock, wiring.hash(), host, wiring.reads());
        this.actions = new NodeActions(
                config.handOffTimeout(),
                wiring.leases(),
                host,
                loop,
                this::nameOf,
                this::handedOff,
                new HandOffRecorder(self.id(), wiring.handOffs(), clock));
        this.view = CoordinatorView.initial(self.id(), config.shardCount());
        names.put(self.id(), self.name());
    }

    /** What this coordinator knows, as of its last round. */
    CoordinatorView view() {
        return view;
    }

    /** The shards being handed off now. */
    SortedSet<Integer> handingOff() {
        return actions.handingOff();
    }

    /** True once a leader with another shard count stopped everything here. */
    boolean halted() {
        return halted != null;
    }

    /** The coordinator leaves: no round runs any more and a hand-off that completes later releases nothing. */
    void close() {
        closed = true;
        actions.close();
    }

    /** One round; nothing throws out of it. */
    void round() {
        if (closed || halted != null) {
            return;
        }
        if (news.takeStateLost()) {
            actions.forgetWaiting();
            LOG.warn("Redis lost state: this round is skipped; everything is read again next round");
            return;
        }
        try {
            List<NodeRecord> members = wiring.membership().members();
            members.forEach(member -> names.put(member.id(), member.name()));
            drainIfRequested();
            Optional<StoredShardCount> count =
                    StoredShardCount.parse(wiring.reads().config());
            Optional<LeaderTerm> leader = wiring.reads().leader();
            Map<String, String> hash = wiring.reads().assignment();
            outage.reached();
            Optional<LeaderTerm> term = wiring.leader().current();
            leading.note(term.orElse(null));
            if (term.isEmpty() && leading.mismatched(count, leader)) {
                halt(count.orElseThrow());
                return;
            }
            StoredAssignment stored = StoredAssignment.parse(hash, config.shardCount());
            if (stored.assignment().size() == 0) {
                queueQuickRound();
            }
            Assignment assignment = term.isPresent()
                    ? leading.lead(term.get(), members, stored, count, this::nameOf)
                    : stored.assignment();
            if (news.stateLost()) {
                return;
            }
            actions.apply(NodeRound.decide(
                    self.id(),
                    assignment,
                    host.running(),
                    wiring.leases().held().keySet(),
                    actions.handingOff(),
                    drain.draining()));
            report();
            publish(term, leader, assignment, members);
        } catch (EpochRegressedException e) {
            actions.forgetWaiting(); // the leases ended every lease and said so; the next round reads everything again
        } catch (ClusterException | RedisException e) {
            outage.failed("coordinating", e);
            view = view.withProblem(
                    outage.problem(),
                    wiring.leader().current().isPresent(),
                    new TreeSet<>(host.running()),
                    actions.handingOff());
        } finally {
            report();
            drain.check(actions.handingOff());
        }
    }

    /** One more round a fraction of a tick from now, unless one is queued already (the ticks go on as well). */
    private void queueQuickRound() {
        if (quickRoundQueued) {
            return;
        }
        try {
            loop.after(config.tick().dividedBy(COLD_START_POLLS), () -> {
                quickRoundQueued = false;
                round();
            });
            quickRoundQueued = true;
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // The loop is shutting down: no round runs any more anyway.
        }
    }

    /** An operator asked this node to drain ({@code flotilla drain}): it drains as on SIGTERM, but keeps running. */
    private void drainIfRequested() {
        if (!drain.draining() && wiring.reads().drainRequested(self.id())) {
            LOG.info("{}: an operator asked this node to drain; it keeps running with no shard", self.name());
            drain.begin(wiring.membership(), actions.handingOff());
            wiring.reads().clearDrainRequest(self.id());
        }
    }

    private void handedOff() {
        report();
        drain.check(actions.handingOff());
    }

    /** Writes what the host runs into the node record when it changed (the leader's {@code running}). */
    private void report() {
        SortedSet<Integer> running = new TreeSet<>(host.running());
        if (!running.equals(reported) && !closed && halted == null) {
            reported = running;
            wiring.membership().update(record -> record.withShards(running));
        }
    }

    private void publish(
            Optional<LeaderTerm> term, Optional<LeaderTerm> leader, Assignment assignment, List<NodeRecord> members) {
        view = new CoordinatorView(
                self.id(),
                term.isPresent(),
                leader.map(LeaderTerm::nodeId).orElse(null),
                leader.map(LeaderTerm::epoch).orElse(0L),
                config.shardCount(),
                assignment,
                new TreeSet<>(host.running()),
                actions.handingOff(),
                drain.draining(),
                members,
                halted != null ? halted : outage.problem());
    }

    /** A leader with another shard count took over: stop everything and leave, so nothing is assigned here. */
    private void halt(StoredShardCount count) {
        ShardCountMismatchException problem =
                new ShardCountMismatchException(keys.group(), keys.config(), config.shardCount(), count.count());
        LOG.error("{}: {}; this node stops every shard and leaves the group", self.name(), problem.getMessage());
        halted = problem.getMessage();
        wiring.stop(host, "the cluster runs another shard count");
        view = new CoordinatorView(
                self.id(),
                false,
                null,
                0,
                config.shardCount(),
                Assignment.EMPTY,
                new TreeSet<>(),
                new TreeSet<>(),
                drain.draining(),
                List.of(),
                halted);
    }

    private String nameOf(String nodeId) {
        return names.getOrDefault(nodeId, nodeId);
    }
}
