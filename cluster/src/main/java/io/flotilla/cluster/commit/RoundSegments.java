package io.flotilla.cluster.commit;

import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * How a lane sends one round: in segments of batches of distinct shards. A segment's cache reads go out in one
 * write and are waited for once, then its script calls, so a round costs a round trip per segment rather than one
 * per batch. A shard's next batch starts a new segment: its reads queue behind the earlier calls on the same
 * connection, so they see those writes (a shard's cache keys are written by its lane only).
 *
 * <p>Stateless; called on lane threads.
 */
final class RoundSegments {
    private RoundSegments() {}

    /** Sends every batch of the round, in order; the caller waits for the replies. */
    static List<BatchTransaction.Sent> send(
            List<Batch> round, BatchTransaction transaction, StatefulRedisConnection<String, byte[]> redis) {
        List<BatchTransaction.Sent> sent = new ArrayList<>(round.size());
        List<BatchTransaction.Reading> segment = new ArrayList<>();
        Set<ShardBatcher> inSegment = Collections.newSetFromMap(new IdentityHashMap<>());
        int next = 0;
        while (next < round.size()) {
            segment.clear();
            inSegment.clear();
            while (next < round.size() && inSegment.add(round.get(next).shard)) {
                segment.add(transaction.read(round.get(next++), redis));
            }
            redis.flushCommands();
            for (BatchTransaction.Reading reading : segment) {
                sent.add(transaction.send(reading, redis));
            }
            redis.flushCommands();
        }
        return sent;
    }
}
