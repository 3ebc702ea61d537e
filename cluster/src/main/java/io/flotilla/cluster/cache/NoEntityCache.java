package io.flotilla.cluster.cache;

import io.lettuce.core.api.StatefulRedisConnection;
import java.util.List;

/** Cache mode {@code none}: no dispatch touches a cache. Stateless. */
public final class NoEntityCache implements EntityCache {

    @Override
    public boolean touchesCache(String eventName) {
        return false;
    }

    @Override
    public Prepared prepare(
            int shard, List<String> types, List<byte[]> data, StatefulRedisConnection<String, byte[]> lane) {
        return Prepared.NOTHING;
    }

    @Override
    public void write(int shard, Prepared prepared, CacheOpSink script) {}
}
