package io.flotilla.worker;

import io.lettuce.core.Range;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the numbers the metrics need about an event stream: its length, and for each consumer group the pending
 * count and the lag (entries not yet delivered). Redis 7 reports the lag in {@code XINFO GROUPS}; on older
 * servers it is counted from the group's last delivered id, up to {@link #LAG_CAP}.
 *
 * <p>Thread-safe; the connection is the caller's and may be shared. Not for a hot path.
 */
public final class EventStreamStats {
    /** The most entries counted when the server does not report the lag itself. */
    public static final long LAG_CAP = 10_000;

    private final RedisCommands<String, String> redis;
    private final Keys keys;

    public EventStreamStats(StatefulRedisConnection<String, String> connection, Keys keys) {
        this.redis = connection.sync();
        this.keys = keys;
    }

    /** Entries in the stream of this event name (0 when it does not exist). */
    public long length(String eventName) {
        return redis.xlen(keys.events(eventName));
    }

    /** One row per consumer group of the stream (none when it has no groups or does not exist). */
    public List<GroupLag> groups(String eventName) {
        String stream = keys.events(eventName);
        if (redis.exists(stream) == 0) {
            return List.of();
        }
        List<GroupLag> groups = new ArrayList<>();
        for (Object info : redis.xinfoGroups(stream)) {
            Map<String, Object> fields = fields(info);
            String name = String.valueOf(fields.get("name"));
            long lag = fields.get("lag") instanceof Long reported
                    ? reported
                    : countAfter(stream, String.valueOf(fields.get("last-delivered-id")));
            groups.add(new GroupLag(name, number(fields.get("consumers")), number(fields.get("pending")), lag));
        }
        return groups;
    }

    private long countAfter(String stream, String lastDelivered) {
        Range<String> after = Range.from(Range.Boundary.excluding(lastDelivered), Range.Boundary.unbounded());
        return redis.xrange(stream, after, io.lettuce.core.Limit.from(LAG_CAP)).size();
    }

    private static Map<String, Object> fields(Object info) {
        Map<String, Object> fields = new HashMap<>();
        if (info instanceof List<?> list) {
            for (int i = 0; i + 1 < list.size(); i += 2) {
                fields.put(String.valueOf(list.get(i)), list.get(i + 1));
            }
        }
        return fields;
    }

    private static long number(@Nullable Object value) {
        return value instanceof Long number ? number : 0;
    }
}
