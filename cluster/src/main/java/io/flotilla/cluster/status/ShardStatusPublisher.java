package io.flotilla.cluster.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.cluster.ClusterException;
import io.flotilla.cluster.redis.RedisAwait;
import io.flotilla.gateway.Shard;
import io.flotilla.gateway.StoredSession;
import io.flotilla.worker.Keys;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the {@link ShardStatus} of every shard this node runs into {@link Keys#shardStatus()}, one script call
 * per period: the fields of the shards it runs are set, and the fields of the shards it published last time but no
 * longer runs are deleted, but only while they still name this node (the shard's next owner may have published it
 * already). {@link #close} deletes this node's fields. A failed publish is logged once per outage; the next retries.
 *
 * <p>Threading: {@link #publish} runs on the given scheduler (or the caller's thread, in tests); what was published
 * last is owned by whoever calls it, serialised by this object's lock.
 */
public final class ShardStatusPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ShardStatusPublisher.class);
    /** How often a node publishes by default. */
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(2);

    // KEYS: the hash. ARGV: node id, n, n field/value pairs, then the fields to delete if they still name the node.
    private static final String PUBLISH = """
            local n = tonumber(ARGV[2])
            if n > 0 then
              local fields = {}
              for i = 3, 2 + 2 * n do fields[#fields + 1] = ARGV[i] end
              redis.call('HSET', KEYS[1], unpack(fields))
            end
            local removed = 0
            for i = 3 + 2 * n, #ARGV do
              local value = redis.call('HGET', KEYS[1], ARGV[i])
              if value then
                local ok, status = pcall(cjson.decode, value)
                if (not ok) or type(status) ~= 'table' or status.node == ARGV[1] then
                  redis.call('HDEL', KEYS[1], ARGV[i])
                  removed = removed + 1
                end
              end
            end
            return removed
            """;

    private final RedisAsyncCommands<String, String> redis;
    private final Keys keys;
    private final String nodeId;
    private final InstantSource clock;
    private final Function<Instant, Map<Integer, ShardStatus>> statuses;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();

    // Under this object's lock.
    private Set<Integer> published = new TreeSet<>();
    private @Nullable ScheduledFuture<?> schedule;
    private boolean failing;

    /**
     * A publisher of what {@code statuses} says at each publish.
     *
     * @param statuses the status of each shard this node runs, as of the instant given
     * @param timeout the bound on each Redis call
     */
    public ShardStatusPublisher(
            StatefulRedisConnection<String, String> connection,
            Keys keys,
            String nodeId,
            InstantSource clock,
            Function<Instant, Map<Integer, ShardStatus>> statuses,
            Duration timeout) {
        this.redis = connection.async();
        this.keys = keys;
        this.nodeId = nodeId;
        this.clock = clock;
        this.statuses = statuses;
        this.timeout = timeout;
    }

    /**
     * A publisher of the gateway shards this node runs.
     *
     * @param shards the shards this node runs now, by id
     * @param lastEvents when each shard's last dispatch arrived
     */
    public static ShardStatusPublisher ofShards(
            StatefulRedisConnection<String, String> connection,
            Keys keys,
            String nodeId,
            InstantSource clock,
            Supplier<? extends Map<Integer, Shard>> shards,
            LastEvents lastEvents,
            Duration timeout) {
        Function<Instant, Map<Integer, ShardStatus>> statuses = now -> {
            Map<Integer, ShardStatus> current = new TreeMap<>();
            shards.get().forEach((id, shard) -> current.put(id, statusOf(nodeId, shard, lastEvents.lastAt(id), now)));
            return current;
        };
        return new ShardStatusPublisher(connection, keys, nodeId, clock, statuses, timeout);
    }

    /** Publishes every {@code period} on {@code scheduler}, the first time at once. */
    public synchronized void start(ScheduledExecutorService scheduler, Duration period) {
        if (schedule == null) {
            schedule =
                    scheduler.scheduleWithFixedDelay(this::publishQuietly, 0, period.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Publishes once: sets what runs now, deletes (while still this node's) what ran at the last publish and no
     * longer does.
     *
     * @throws ClusterException when Redis failed (the next publish retries the deletions)
     */
    public synchronized void publish() {
        Map<Integer, ShardStatus> current = statuses.apply(clock.instant());
        Set<Integer> gone = new TreeSet<>(published);
        gone.removeAll(current.keySet());
        write(current, gone);
        published = new TreeSet<>(current.keySet());
    }

    /** The status of one gateway shard, as of {@code now}. */
    static ShardStatus statusOf(String nodeId, Shard shard, long lastEventAt, Instant now) {
        Duration latency = shard.latency();
        StoredSession session = shard.session();
        return new ShardStatus(
                nodeId,
                shard.state().name(),
                latency == null ? null : latency.toMillis(),
                session == null ? -1 : session.seq(),
                lastEventAt,
                now);
    }

    /** Stops publishing and deletes this node's fields (those another node has taken over are left). */
    @Override
    public void close() {
        synchronized (this) {
            if (schedule != null) {
                schedule.cancel(false);
                schedule = null;
            }
            try {
                write(Map.of(), published);
                published = new TreeSet<>();
            } catch (ClusterException e) {
                LOG.warn("could not delete this node's shard status ({}); readers see it as stale", e.getMessage());
            }
        }
    }

    private void write(Map<Integer, ShardStatus> statuses, Set<Integer> gone) {
        if (statuses.isEmpty() && gone.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(2 + 2 * statuses.size() + gone.size());
        args.add(nodeId);
        args.add(Integer.toString(statuses.size()));
        statuses.forEach((id, status) -> {
            args.add(Integer.toString(id));
            args.add(status.toJson(json));
        });
        gone.forEach(id -> args.add(Integer.toString(id)));
        RedisAwait.call(
                () -> redis.<Long>eval(
                        PUBLISH,
                        ScriptOutputType.INTEGER,
                        new String[] {keys.shardStatus()},
                        args.toArray(String[]::new)),
                timeout,
                "publishing the shard status");
    }

    private synchronized void publishQuietly() {
        try {
            publish();
            if (failing) {
                failing = false;
                LOG.info("publishing the shard status works again");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warn("publishing the shard status failed ({}); retried every period, logged once", e.getMessage());
            }
        }
    }
}
