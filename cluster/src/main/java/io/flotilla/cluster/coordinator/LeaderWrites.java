package io.flotilla.cluster.coordinator;

import io.flotilla.cluster.assign.Move;
import io.flotilla.cluster.lease.FencedHash;
import io.flotilla.cluster.lease.LeaderTerm;
import io.flotilla.worker.Keys;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a {@link LeaderRound} under the leader's term: the changed assignment entries, the removed ones and the
 * shard count, each through {@link FencedHash} (refused inside Redis once the term is over), and logs each move
 * once it is written. Owned by the coordinator's loop thread.
 */
final class LeaderWrites {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderWrites.class);

    private final FencedHash hash;
    private final Keys keys;
    private final int shardCount;
    private long refusedEpoch; // the term whose refusal was logged, so it is logged once

    LeaderWrites(FencedHash hash, Keys keys, int shardCount) {
        this.hash = hash;
        this.keys = keys;
        this.shardCount = shardCount;
    }

    /**
     * Writes the round; true when all of it was written (the assignment in Redis is then {@link LeaderRound#next}).
     *
     * @param names node id → name, for the log
     * @throws io.flotilla.cluster.ClusterException when Redis failed (part may be written; the next round re-reads)
     */
    boolean write(LeaderTerm term, LeaderRound round, Function<String, String> names) {
        if (round.writesNothing()) {
            return true;
        }
        if (round.writeShardCount()
                && !written(
                        term,
                        hash.put(term, keys.config(), Map.of(StoredShardCount.FIELD, Integer.toString(shardCount))))) {
            return false;
        }
        if (!round.writes().isEmpty() && !written(term, hash.put(term, keys.assignment(), round.fields()))) {
            return false;
        }
        if (!round.removals().isEmpty() && !written(term, hash.remove(term, keys.assignment(), round.removals()))) {
            return false;
        }
        if (round.writeShardCount()) {
            LOG.info("cluster group {} runs {} shards (written with epoch {})", keys.group(), shardCount, term.epoch());
        }
        for (Move move : round.round().moves()) {
            if (move.from() == null) {
                LOG.info("shard {} assigned to {} ({})", move.shard(), names.apply(move.to()), move.reason());
            } else {
                LOG.info(
                        "shard {} assigned to {}, from {} ({})",
                        move.shard(),
                        names.apply(move.to()),
                        names.apply(move.from()),
                        move.reason());
            }
        }
        if (!round.round().unassigned().isEmpty()) {
            LOG.warn(
                    "no node may take shards {}: they stay unassigned",
                    round.round().unassigned());
        }
        return true;
    }

    private boolean written(LeaderTerm term, FencedHash.Outcome outcome) {
        if (outcome == FencedHash.Outcome.WRITTEN) {
            return true;
        }
        if (refusedEpoch != term.epoch()) {
            refusedEpoch = term.epoch();
            LOG.warn(
                    "Redis refused this node's leader write (epoch {}): {}; it stops writing until elected again",
                    term.epoch(),
                    outcome);
        }
        return false;
    }
}
