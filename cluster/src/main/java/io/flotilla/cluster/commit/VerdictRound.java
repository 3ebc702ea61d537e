package io.flotilla.cluster.commit;

import io.flotilla.cluster.ClusterException;
import io.lettuce.core.RedisFuture;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a sent round's verdicts in order and acts on each (issue 12 items 1 to 5): a written or already-present
 * batch is acknowledged; an error reply (OOM, NOREPLICAS, a key of the wrong type) is never counted as committed
 * and is retried, and so is every later batch of the same shard in the round (they come back {@code BEHIND}
 * because their predecessor is missing); a {@code BEHIND} with no failed predecessor in the round means Redis lost
 * writes, a {@code LOST} that it lost the session, a {@code FENCED} or {@code SUPERSEDED} that another owner runs
 * the shard. A timeout or a broken connection propagates: the lane retries what is not done.
 *
 * <p>A shard stays blocked across the rounds in flight ({@link InFlightRounds}): a later round's batches of it
 * come back {@code BEHIND} too. The lane {@link #unblockAll}s when it sends the retries, after reading every round.
 *
 * <p>One per lane, on its thread.
 */
final class VerdictRound {
    private static final Logger LOG = LoggerFactory.getLogger(VerdictRound.class);

    private final int lane;
    private final CommitterConfig config;
    private final CommitCounters counters;
    private final CommitListener listener;
    private final Set<ShardBatcher> blocked = Collections.newSetFromMap(new IdentityHashMap<>());

    VerdictRound(int lane, CommitterConfig config, CommitCounters counters, CommitListener listener) {
        this.lane = lane;
        this.config = config;
        this.counters = counters;
        this.listener = listener;
    }

    /** Every round in flight was read and the held batches are sent again: nothing is blocked any more. */
    void unblockAll() {
        blocked.clear();
    }

    /** Acts on every verdict; adds the batches to retry to {@code retry}, in order; true when none needs one. */
    boolean process(List<BatchTransaction.Sent> sent, ArrayDeque<Batch> retry) {
        for (BatchTransaction.Sent one : sent) {
            Batch batch = one.batch();
            CommitVerdict verdict;
            try {
                for (RedisFuture<?> pending : one.prepared().pending()) {
                    CommitLane.await(pending, config, "merging users of shard " + batch.shard.shard());
                }
                verdict = CommitVerdict.parse(CommitLane.await(one.reply(), config, "committing the " + batch));
            } catch (ClusterException e) {
                if (!CommitLane.isErrorReply(e)) {
                    throw e;
                }
                counters.errorReplies.increment();
                LOG.warn("lane {}: Redis refused the {} ({}); not committed, retrying", lane, batch, e.getMessage());
                hold(batch, retry);
                continue;
            }
            act(batch, verdict, retry);
        }
        return retry.isEmpty();
    }

    private void act(Batch batch, CommitVerdict verdict, ArrayDeque<Batch> retry) {
        if (!batch.shard.current(batch)) {
            batch.done = true;
            return;
        }
        switch (verdict.outcome()) {
            case APPLIED, DUPLICATE, ENDED, NOT_CURRENT -> {
                (verdict.outcome() == CommitVerdict.Outcome.DUPLICATE ? counters.duplicates : counters.applied)
                        .increment();
                if (verdict.outcome() == CommitVerdict.Outcome.APPLIED && !batch.isEnd()) {
                    report(batch);
                }
                SessionEndMark end = batch.end;
                if (end != null) {
                    counters.sessionEnds.increment();
                    if (end.gap() && verdict.outcome() == CommitVerdict.Outcome.ENDED) {
                        counters.gaps.increment();
                        LOG.warn(
                                "shard {}: session {} ended ({}) with events committed up to seq {} and received up to"
                                        + " {}: what Discord sent after that is lost; gap recorded in the gap stream",
                                batch.shard.shard(),
                                end.sessionId(),
                                end.reason(),
                                verdict.storedSeq(),
                                end.lastReceivedSeq());
                    }
                }
                batch.shard.resolved(batch, verdict);
            }
            case BEHIND -> {
                if (blocked.contains(batch.shard)) {
                    hold(batch, retry);
                } else {
                    counters.lostWrites.increment();
                    rewind(batch, verdict);
                }
            }
            case LOST -> {
                if (blocked.contains(batch.shard)) {
                    hold(batch, retry);
                } else {
                    counters.sessionsLost.increment();
                    if (batch.shard.forgetSession(batch)) {
                        LOG.warn(
                                "shard {}: Redis lost session {} (no record of it); identifying anew",
                                batch.shard.shard(),
                                batch.session);
                        batch.shard.feedback().sessionLost(batch.session);
                    }
                }
            }
            case SUPERSEDED -> {
                if (verdict.storedSession().isEmpty()) {
                    batch.shard.resolved(batch, verdict); // a late batch of a session that ended: nothing to write
                } else {
                    fence(batch, "Redis holds a newer session (" + verdict.storedSession() + ")");
                }
            }
            case FENCED -> fence(batch, "its lease is held by another owner (" + batch.shard.fence + " is gone)");
            case WRONGTYPE -> {
                counters.errorReplies.increment();
                LOG.error(
                        "lane {}: the {} cannot be written: key {} is a {}, which Flotilla never writes; someone else"
                                + " changed it. Delete or rename that key; the shard waits (nothing is lost)",
                        lane,
                        batch,
                        verdict.storedSession(),
                        verdict.detail());
                hold(batch, retry);
            }
        }
    }

    private void report(Batch batch) {
        for (Dispatch dispatch : batch.dispatches) {
            if (config.filter().accepts(dispatch.type())) {
                listener.committed(dispatch.type());
            }
        }
        listener.batchCommitted(
                batch.shard.shard(), batch.dispatches.size(), batch.first().receivedAt());
    }

    private void rewind(Batch batch, CommitVerdict verdict) {
        if (batch.shard.rewindTo(batch, verdict.storedSeq())) {
            LOG.warn(
                    "shard {}: Redis lost writes: it holds session {} only up to seq {}, the shard had committed up to"
                            + " {}; resuming from {} so Discord sends the rest again",
                    batch.shard.shard(),
                    batch.session,
                    verdict.storedSeq(),
                    batch.first().seq() - 1,
                    verdict.storedSeq());
            batch.shard.feedback().continueFrom(batch.session, verdict.storedSeq());
        }
    }

    private void fence(Batch batch, String why) {
        counters.fenced.increment();
        if (batch.shard.fence(batch)) {
            String message = "shard " + batch.shard.shard() + ": " + why;
            LOG.warn("{}; nothing more is committed for it here", message);
            batch.shard.feedback().fenced(message);
        }
    }

    /** Not committed: retry it, and every later batch of its shard in this round with it. */
    private void hold(Batch batch, ArrayDeque<Batch> retry) {
        batch.shard.written.forgetAll(); // its retry is computed again and must not trust this attempt's writes
        blocked.add(batch.shard);
        retry.add(batch);
    }
}
