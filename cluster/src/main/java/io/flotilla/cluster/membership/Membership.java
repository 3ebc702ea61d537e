package io.flotilla.cluster.membership;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flotilla.cluster.ClusterException;
import io.flotilla.cluster.redis.RedisAwait;
import io.flotilla.worker.Keys;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's membership in its group: writes its {@link NodeRecord} to {@code g:cluster:<group>:node:<id>}
 * with a TTL and rewrites it every {@link MembershipConfig#refreshEvery}; a node that stops refreshing (crash,
 * SIGSTOP, lost network) is gone once the TTL runs out. Leaving deletes the record.
 *
 * <p>Finding the members: every record's id is also in the set {@code g:cluster:<group>:nodes} (added with each
 * write, in the same script), so {@link #members} reads that set and the records it names instead of SCANning
 * the whole keyspace. The set has no TTL; an id whose record expired is removed by the reader, in a script that
 * checks the record is still missing (a node re-registering at that moment is never dropped).
 *
 * <p>A refresh that fails is retried by the next; a run of failures (a Redis outage) is logged once when it begins
 * and once (INFO) when a refresh works again, not once per refresh.
 *
 * <p>Threading: the record is held in an atomic reference ({@link #update} from any thread); the refresh runs on
 * the given scheduler and counts its failures in an atomic counter; {@link #members} blocks its caller at most the
 * Redis timeout twice.
 */
public final class Membership implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Membership.class);

    // KEYS: record, index. ARGV: json, ttl ms, id, 'nx' (refuse an existing record) or 'set'.
    private static final String WRITE = """
            if ARGV[4] == 'nx' and redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            redis.call('SADD', KEYS[2], ARGV[3])
            return 1
            """;
    // KEYS: index, then one record per id. ARGV: the ids. Returns the live records; drops ids whose record is gone.
    private static final String READ = """
            local out = {}
            for i = 1, #ARGV do
              local record = redis.call('GET', KEYS[i + 1])
              if record then table.insert(out, record) else redis.call('SREM', KEYS[1], ARGV[i]) end
            end
            return out
            """;
    // KEYS: record, index. ARGV: id.
    private static final String LEAVE = """
            redis.call('DEL', KEYS[1])
            return redis.call('SREM', KEYS[2], ARGV[1])
            """;

    private final RedisAsyncCommands<String, String> redis;
    private final Keys keys;
    private final MembershipConfig config;
    private final InstantSource clock;
    private final ScheduledExecutorService scheduler;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicReference<NodeRecord> self;
    private @Nullable ScheduledFuture<?> refreshes;

    // The refreshes' failures, so an outage is logged once when they start failing and once when one works again.
    private final AtomicInteger failedRefreshes = new AtomicInteger();
    private volatile Instant failingSince = Instant.EPOCH;

    public Membership(
            StatefulRedisConnection<String, String> connection,
            Keys keys,
            MembershipConfig config,
            InstantSource clock,
            ScheduledExecutorService scheduler,
            NodeRecord self) {
        this.redis = connection.async();
        this.keys = keys;
        this.config = config;
        this.clock = clock;
        this.scheduler = scheduler;
        this.self = new AtomicReference<>(self);
    }

    /**
     * Registers the record now, then refreshes it on the scheduler.
     *
     * @throws IllegalStateException when a live record already has this node's id (make a new id)
     * @throws ClusterException when Redis is unavailable (nothing was scheduled; call again)
     */
    public synchronized void start() {
        if (refreshes != null) {
            return;
        }
        if (!write("nx")) {
            throw new IllegalStateException("node id " + self.get().id() + " is already registered in group "
                    + keys.group() + " by a live node; start with a new id");
        }
        long period = config.refreshEvery().toNanos();
        refreshes = scheduler.scheduleWithFixedDelay(this::refresh, period, period, TimeUnit.NANOSECONDS);
    }

    /** The record as this node last set it. */
    public NodeRecord self() {
        return self.get();
    }

    /** Changes the record (shards run, draining); written with the next refresh, which is scheduled now. */
    public void update(UnaryOperator<NodeRecord> change) {
        self.updateAndGet(change);
        synchronized (this) {
            if (refreshes != null) {
                scheduler.execute(this::refresh);
            }
        }
    }

    /** Every node whose record is live, this one included once registered, in id order. */
    public List<NodeRecord> members() {
        Set<String> ids =
                RedisAwait.call(() -> redis.smembers(keys.nodeIndex()), config.redisTimeout(), "listing nodes");
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> sorted = ids.stream().sorted().toList();
        String[] scriptKeys = new String[sorted.size() + 1];
        scriptKeys[0] = keys.nodeIndex();
        for (int i = 0; i < sorted.size(); i++) {
            scriptKeys[i + 1] = keys.node(sorted.get(i));
        }
        List<Object> records = RedisAwait.call(
                () -> redis.eval(READ, ScriptOutputType.MULTI, scriptKeys, sorted.toArray(String[]::new)),
                config.redisTimeout(),
                "reading node records");
        List<NodeRecord> members = new ArrayList<>(records.size());
        for (Object record : records) {
            NodeRecord.fromJson(json, String.valueOf(record))
                    .ifPresentOrElse(
                            members::add, () -> LOG.warn("skipping a node record that is not one: {}", record));
        }
        return members;
    }

    /** Stops refreshing and deletes the record: the node leaves the group at once. */
    @Override
    public void close() {
        synchronized (this) {
            if (refreshes != null) {
                refreshes.cancel(false);
                refreshes = null;
            }
        }
        String id = self.get().id();
        RedisAwait.call(
                () -> redis.eval(LEAVE, ScriptOutputType.INTEGER, new String[] {keys.node(id), keys.nodeIndex()}, id),
                config.redisTimeout(),
                "leaving group " + keys.group());
    }

    /** How many refreshes in a row failed since the last one that worked (0 while they work). */
    int failedRefreshes() {
        return failedRefreshes.get();
    }

    private void refresh() {
        try {
            write("set");
        } catch (ClusterException e) {
            if (failing()) {
                LOG.warn(
                        "refreshing this node's record failed (it expires {} ms after the last refresh that landed):"
                                + " {}; retrying every {} ms, logged again once a refresh works",
                        config.ttl().toMillis(),
                        e.getMessage(),
                        config.refreshEvery().toMillis());
            }
            return;
        } catch (RuntimeException e) {
            if (failing()) {
                LOG.warn(
                        "refreshing this node's record failed; retrying every {} ms, logged again once a refresh works",
                        config.refreshEvery().toMillis(),
                        e);
            }
            return;
        }
        int failed = failedRefreshes.getAndSet(0);
        if (failed > 0) {
            LOG.info(
                    "refreshing this node's record works again after {} ms ({} refreshes failed)",
                    Duration.between(failingSince, clock.instant()).toMillis(),
                    failed);
        }
    }

    /** Counts a failed refresh; true for the first of a run, which is the one logged. */
    private boolean failing() {
        if (failedRefreshes.incrementAndGet() == 1) {
            failingSince = clock.instant();
            return true;
        }
        return false;
    }

    private boolean write(String mode) {
        NodeRecord record = self.updateAndGet(current -> current.updatedAt(clock.instant()));
        Long written = RedisAwait.call(
                () -> redis.eval(
                        WRITE,
                        ScriptOutputType.INTEGER,
                        new String[] {keys.node(record.id()), keys.nodeIndex()},
                        record.toJson(json),
                        Long.toString(config.ttl().toMillis()),
                        record.id(),
                        mode),
                config.redisTimeout(),
                "writing this node's record");
        return written == 1L;
    }
}
