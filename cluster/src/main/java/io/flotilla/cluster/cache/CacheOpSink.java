package io.flotilla.cluster.cache;

import java.util.Collection;
import java.util.Map;

/**
 * Where a cache writes one batch's shard documents: the commit script's arguments. The script applies them only
 * when the batch applies, in the same atomic step as its events and seq. Called on a committer lane, in order.
 */
public interface CacheOpSink {
    /** Deletes every cache key of the shard (a new session): its member hashes, named from its guild hash. */
    void wipeShard();

    void hset(String key, Map<String, byte[]> fields);

    void hdel(String key, Collection<String> fields);

    /** Removes a whole key (a purged guild's member hash). */
    void unlink(String key);
}
