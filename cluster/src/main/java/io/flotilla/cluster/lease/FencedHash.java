package io.flotilla.cluster.lease;

import io.flotilla.cluster.redis.RedisAwait;
import io.flotilla.worker.Keys;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Leader writes to a hash (the assignment {@code g:cluster:<group>:assignment}: shard → {@code node:epoch}) that
 * Redis refuses from a leader whose term is over. Each value written gets the term's epoch appended
 * ({@code <value>:<epoch>}), so every entry says which term wrote it. One script checks, atomically with the
 * write, that the leader key still holds the term and that no touched field was written by a newer epoch.
 *
 * <p>Thread-safe (Lettuce async commands; each call blocks its caller at most the timeout).
 */
public final class FencedHash {
    /** What Redis did with a fenced write. */
    public enum Outcome {
        /** Applied. */
        WRITTEN,
        /** Refused: the leader key no longer holds this term (another leader, or the lease expired). */
        NOT_LEADER,
        /** Refused: a touched field holds a value from a newer epoch. */
        STALE_EPOCH
    }

    private final RedisAsyncCommands<String, String> redis;
    private final Keys keys;
    private final Duration timeout;

    public FencedHash(StatefulRedisConnection<String, String> connection, Keys keys, Duration timeout) {
        this.redis = connection.async();
        this.keys = keys;
        this.timeout = timeout;
    }

    /** Sets {@code field → value + ":" + term.epoch()} for each entry, if {@code term} still leads. */
    public Outcome put(LeaderTerm term, String hash, Map<String, String> values) {
        List<String> args = new ArrayList<>(values.size() * 2);
        values.forEach((field, value) -> {
            args.add(field);
            args.add(value + ":" + term.epoch());
        });
        return run(term, hash, "set", args);
    }

    /** Deletes the fields, if {@code term} still leads and none was written by a newer epoch. */
    public Outcome remove(LeaderTerm term, String hash, Collection<String> fields) {
        return run(term, hash, "del", List.copyOf(fields));
    }

    private Outcome run(LeaderTerm term, String hash, String mode, List<String> fieldArgs) {
        List<String> args = new ArrayList<>(fieldArgs.size() + 3);
        args.add(term.token());
        args.add(Long.toString(term.epoch()));
        args.add(mode);
        args.addAll(fieldArgs);
        Long result = RedisAwait.call(
                () -> redis.eval(
                        LeaseScripts.FENCED_HASH,
                        ScriptOutputType.INTEGER,
                        new String[] {keys.leader(), hash},
                        args.toArray(String[]::new)),
                timeout,
                "writing " + hash + " as leader (epoch " + term.epoch() + ")");
        return result == 1L ? Outcome.WRITTEN : result == 0L ? Outcome.NOT_LEADER : Outcome.STALE_EPOCH;
    }
}
