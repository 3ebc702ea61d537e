package io.flotilla.cluster.lease;

import io.flotilla.cluster.ClusterException;
import io.flotilla.cluster.redis.RedisAwait;
import io.flotilla.worker.Keys;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The Redis side of every lease: acquire with a fresh epoch, compare-and-extend, compare-and-delete, each
 * bounded by {@link LeaseConfig#redisTimeout} and confirmed on a replica when there is one. Every epoch and
 * counter value it sees goes through the node's {@link EpochWatch}.
 *
 * <p>Blocking; used by one lease owner's thread at a time.
 */
final class LeaseCommands {
    /** What an acquisition found. */
    sealed interface Acquisition {
        /** Taken: the key holds {@code token} now. */
        record Acquired(String token, long epoch) implements Acquisition {}

        /** Someone holds it (maybe this node, from an earlier term). */
        record Held(String holder) implements Acquisition {}
    }

    private final RedisAsyncCommands<String, String> redis;
    private final Keys keys;
    private final LeaseConfig config;
    private final EpochWatch epochs;
    private final ReplicaConfirm replicas;

    LeaseCommands(
            StatefulRedisConnection<String, String> connection,
            Keys keys,
            LeaseConfig config,
            InstantSource clock,
            EpochWatch epochs) {
        this.redis = connection.async();
        this.keys = keys;
        this.config = config;
        this.epochs = epochs;
        this.replicas = new ReplicaConfirm(redis, config, clock);
    }

    /**
     * @throws EpochRegressedException when the counter issued an epoch not above one seen
     * @throws ClusterException when Redis failed, or no replica confirmed the write (the lease is released again)
     */
    Acquisition acquire(String key, String nodeId) {
        List<Object> reply = await(
                () -> redis.eval(
                        LeaseScripts.ACQUIRE,
                        ScriptOutputType.MULTI,
                        new String[] {key, keys.epoch()},
                        nodeId,
                        Long.toString(config.ttl().toMillis()),
                        Long.toString(epochs.highest())),
                "acquiring " + key);
        long outcome = (Long) reply.get(0);
        String value = String.valueOf(reply.get(1));
        if (outcome == 0) {
            return new Acquisition.Held(value);
        }
        if (outcome < 0) {
            throw new EpochRegressedException(epochs.highest(), Long.parseLong(value));
        }
        long epoch = LeaderTerm.parse(value).orElseThrow().epoch();
        epochs.issued(epoch);
        if (!replicas.confirmed()) {
            release(key, value);
            throw new ClusterException(
                    ClusterException.Kind.REDIS_UNAVAILABLE,
                    "no replica confirmed acquiring " + key + " within "
                            + config.replicaWait().toMillis() + " ms; released it, try again");
        }
        return new Acquisition.Acquired(value, epoch);
    }

    /**
     * Compare-and-extend: for each key, whether it still held its token and was extended.
     *
     * @throws EpochRegressedException when the counter is below a value seen
     * @throws ClusterException when Redis failed or no replica confirmed the extension
     */
    boolean[] extend(List<String> leaseKeys, List<String> tokens) {
        String[] scriptKeys = new String[leaseKeys.size() + 1];
        scriptKeys[0] = keys.epoch();
        List<String> args = new ArrayList<>(tokens.size() + 1);
        args.add(Long.toString(config.ttl().toMillis()));
        for (int i = 0; i < leaseKeys.size(); i++) {
            scriptKeys[i + 1] = leaseKeys.get(i);
            args.add(tokens.get(i));
        }
        List<Object> reply = await(
                () -> redis.eval(LeaseScripts.EXTEND, ScriptOutputType.MULTI, scriptKeys, args.toArray(String[]::new)),
                "renewing " + leaseKeys.size() + " lease(s)");
        epochs.read((Long) reply.get(0));
        boolean[] extended = new boolean[leaseKeys.size()];
        for (int i = 0; i < extended.length; i++) {
            extended[i] = (Long) reply.get(i + 1) == 1L;
        }
        if (!replicas.confirmed()) {
            throw new ClusterException(
                    ClusterException.Kind.REDIS_UNAVAILABLE, "no replica confirmed renewing the lease(s)");
        }
        return extended;
    }

    /** Compare-and-delete: true when the key held the token and is gone now. */
    boolean release(String key, String token) {
        Long deleted = await(
                () -> redis.eval(LeaseScripts.RELEASE, ScriptOutputType.INTEGER, new String[] {key}, token),
                "releasing " + key);
        return deleted != null && deleted == 1L;
    }

    /**
     * Compare-and-delete without waiting (after a loss, so the next owner need not wait for the TTL); a failure
     * only means the key expires on its own.
     */
    void releaseQuietly(String key, String token) {
        try {
            redis.eval(LeaseScripts.RELEASE, ScriptOutputType.INTEGER, new String[] {key}, token);
        } catch (RedisException e) {
            // the connection is closed: the key expires on its own
        }
    }

    /** The key's value, or empty. */
    Optional<String> get(String key) {
        return Optional.ofNullable(await(() -> redis.get(key), "reading " + key));
    }

    /** After Redis lost state: lifts the counter above every epoch this node saw, so none is issued twice. */
    void restoreFloor() {
        Long counter = await(
                () -> redis.eval(
                        LeaseScripts.RAISE_FLOOR,
                        ScriptOutputType.INTEGER,
                        new String[] {keys.epoch()},
                        Long.toString(epochs.highest())),
                "restoring the epoch counter");
        if (counter != null) {
            epochs.read(counter);
        }
    }

    private <T> T await(Supplier<CompletionStage<T>> call, String what) {
        return RedisAwait.call(call, config.redisTimeout(), what);
    }
}
