package io.flotilla.cluster.status;

import io.flotilla.worker.Keys;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream of completed hand-offs, {@link Keys#handOffs()}: one entry per shard a node handed off ({@code shard},
 * {@code from}, {@code to}, {@code duration_ms}, {@code at} in epoch ms), capped near {@value #MAX_LEN} entries
 * ({@code XADD MAXLEN ~}). For operators only: nothing decides from it, so a write is sent without waiting and a
 * failure is logged at debug level.
 *
 * <p>Thread-safe (Lettuce async commands).
 */
public final class HandOffLog {
    private static final Logger LOG = LoggerFactory.getLogger(HandOffLog.class);
    static final long MAX_LEN = 100;

    private final RedisAsyncCommands<String, String> redis;
    private final Keys keys;
    private final InstantSource clock;

    public HandOffLog(StatefulRedisConnection<String, String> connection, Keys keys, InstantSource clock) {
        this.redis = connection.async();
        this.keys = keys;
        this.clock = clock;
    }

    /** Records that {@code from} handed {@code shard} off to {@code to}, taking {@code took}. Does not wait. */
    public void record(int shard, String from, String to, Duration took) {
        try {
            redis.xadd(
                            keys.handOffs(),
                            XAddArgs.Builder.maxlen(MAX_LEN).approximateTrimming(),
                            Map.of(
                                    "shard", Integer.toString(shard),
                                    "from", from,
                                    "to", to,
                                    "duration_ms", Long.toString(took.toMillis()),
                                    "at", Long.toString(clock.millis())))
                    .whenComplete((id, error) -> {
                        if (error != null) {
                            LOG.debug("recording the hand-off of shard {} failed: {}", shard, error.toString());
                        }
                    });
        } catch (RuntimeException e) {
            LOG.debug("recording the hand-off of shard {} failed: {}", shard, e.toString());
        }
    }

    /** The hand-off a stream entry records, or empty when the entry is not one. */
    static Optional<ClusterSnapshot.HandOff> parse(String entryId, Map<String, String> fields) {
        try {
            String from = fields.get("from");
            String to = fields.get("to");
            if (from == null || to == null) {
                return Optional.empty();
            }
            return Optional.of(new ClusterSnapshot.HandOff(
                    entryId,
                    Integer.parseInt(fields.getOrDefault("shard", "")),
                    from,
                    to,
                    Long.parseLong(fields.getOrDefault("duration_ms", "0")),
                    Instant.ofEpochMilli(Long.parseLong(fields.getOrDefault("at", "0")))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
