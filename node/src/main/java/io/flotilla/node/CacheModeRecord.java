package io.flotilla.node;

import io.flotilla.cluster.cache.CacheMode;
import io.flotilla.worker.ClusterConfig;
import io.flotilla.worker.Keys;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records this node's {@code CACHE_MODE} in the group's config hash ({@link ClusterConfig#CACHE_MODE}) as it starts,
 * so a worker's cache reader can tell "no cache in Redis" from "guild not cached" and say which setting to change.
 * Nodes of one group should agree; one that does not is logged (the last started wins the field). Called once, on
 * the starting thread.
 */
final class CacheModeRecord {
    private static final Logger LOG = LoggerFactory.getLogger(CacheModeRecord.class);

    private CacheModeRecord() {}

    static void write(StatefulRedisConnection<String, String> redis, Keys keys, CacheMode mode) {
        String mine = mode.name().toLowerCase(Locale.ROOT);
        String recorded = redis.sync().hget(keys.config(), ClusterConfig.CACHE_MODE);
        if (recorded != null && !recorded.equals(mine)) {
            LOG.warn(
                    "this node runs CACHE_MODE={} but group {} recorded CACHE_MODE={}: give every node the same mode"
                            + " (workers read the cache by the recorded one)",
                    mine,
                    keys.group(),
                    recorded);
        }
        redis.sync().hset(keys.config(), ClusterConfig.CACHE_MODE, mine);
    }
}
