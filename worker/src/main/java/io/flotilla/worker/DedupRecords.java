package io.flotilla.worker;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Redis side of {@link GroupDedup}: claims events and marks them done, pipelined on the consumer's connection
 * (one round trip per batch). See {@link GroupDedup} for the design and the guarantee.
 *
 * <p>Owned by one {@link EventConsumer}; not thread-safe.
 */
final class DedupRecords {
    static final String DONE = "done";
    // KEYS[1] record, ARGV[1] entry id, ARGV[2] ttl ms. 1: hand the entry over; 0: a copy.
    private static final String CLAIM = """
            local v = redis.call('GET', KEYS[1])
            if not v then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
              return 1
            end
            if v == ARGV[1] then return 1 end
            return 0""";

    private final Keys keys;
    private final String group;
    private final GroupDedup settings;
    private final StatefulRedisConnection<String, String> connection;

    DedupRecords(Keys keys, String group, GroupDedup settings, StatefulRedisConnection<String, String> connection) {
        this.keys = keys;
        this.group = group;
        this.settings = settings;
        this.connection = connection;
    }

    /** For each event, whether this entry holds (or just took) its record; false for a copy. */
    List<Boolean> claim(List<Event> events) {
        RedisAsyncCommands<String, String> redis = connection.async();
        String ttl = Long.toString(settings.ttl().toMillis());
        List<RedisFuture<Long>> claims = new ArrayList<>(events.size());
        for (Event event : events) {
            claims.add(redis.eval(CLAIM, ScriptOutputType.INTEGER, new String[] {key(event)}, event.id(), ttl));
        }
        await(claims);
        List<Boolean> first = new ArrayList<>(events.size());
        for (RedisFuture<Long> claim : claims) {
            first.add(Long.valueOf(1).equals(claim.toCompletableFuture().join()));
        }
        return first;
    }

    /** Marks the event done, then acknowledges its entry (in that order, pipelined). */
    void doneAndAck(Event event) {
        await(sendDoneAndAck(event));
    }

    /** Sends the done mark and the acknowledgement (in that order) without waiting; the caller awaits them. */
    List<RedisFuture<?>> sendDoneAndAck(Event event) {
        RedisAsyncCommands<String, String> redis = connection.async();
        RedisFuture<String> done = redis.set(key(event), DONE, SetArgs.Builder.px(settings.ttl()));
        RedisFuture<Long> ack = redis.xack(event.stream(), group, event.id());
        return List.of(done, ack);
    }

    private String key(Event event) {
        return keys.dedup(group, event.shard(), event.session(), event.seq());
    }

    /** Waits for the pipelined commands; a failed one throws (LettuceFutures), so nothing is half-judged. */
    void await(List<? extends RedisFuture<?>> futures) {
        Duration timeout = connection.getTimeout();
        if (!LettuceFutures.awaitAll(timeout, futures.toArray(new RedisFuture<?>[0]))) {
            throw new RedisCommandTimeoutException("de-duplication records took longer than " + timeout);
        }
    }
}
