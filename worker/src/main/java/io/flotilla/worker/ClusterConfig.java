package io.flotilla.worker;

import io.lettuce.core.api.StatefulRedisConnection;
import java.util.Map;

/**
 * The cluster's shard count as its leader records it in {@code g:cluster:<group>:config} ({@link Keys#config}):
 * a hash whose field {@code shard_count} holds {@code <count>:<epoch>}, the count followed by the epoch of the
 * leader that wrote it (e.g. {@code 16:7}). Workers route guilds with it ({@code (guild_id >>> 22) % count}). It
 * changes only when every node restarts with another count. A value.
 *
 * @param shardCount the number of shards the cluster runs
 * @param epoch the epoch of the leader that wrote it
 */
public record ClusterConfig(int shardCount, long epoch) {
    /** The hash field holding {@code <count>:<epoch>}. */
    public static final String SHARD_COUNT = "shard_count";
    /**
     * The hash field holding the nodes' {@code CACHE_MODE} ({@code redis}, {@code memory} or {@code none}), written by
     * each node as it starts; absent when written by a node older than this field.
     */
    public static final String CACHE_MODE = "cache_mode";

    public ClusterConfig {
        if (shardCount < 1) {
            throw new IllegalArgumentException("a shard count is at least 1, was " + shardCount);
        }
    }

    /**
     * Reads the config hash.
     *
     * @throws IllegalStateException when no leader has written it yet (no node of the group has run), naming the
     *     key
     */
    public static ClusterConfig read(StatefulRedisConnection<String, String> connection, Keys keys) {
        return parse(keys, connection.sync().hgetall(keys.config()));
    }

    /**
     * Requires that the nodes keep the entity cache in Redis, as a cache reader needs.
     *
     * @param hash the config hash as {@code HGETALL} returns it
     * @throws IllegalStateException when the nodes recorded another cache mode, naming it and what to set
     */
    public static void requireRedisCache(Keys keys, Map<String, String> hash) {
        String mode = hash.get(CACHE_MODE);
        if (mode != null && !mode.equals("redis")) {
            throw new IllegalStateException("the nodes of cluster group '" + keys.group() + "' run CACHE_MODE=" + mode
                    + " (" + keys.config() + " field " + CACHE_MODE + "): they keep no entity cache in Redis, so there"
                    + " is nothing to read; set CACHE_MODE=redis on every node to use a cache reader");
        }
    }

    /** Parses the hash as {@code HGETALL} returns it; the error names the key and what was found. */
    public static ClusterConfig parse(Keys keys, Map<String, String> hash) {
        String value = hash.get(SHARD_COUNT);
        if (value == null) {
            throw new IllegalStateException("no shard count in " + keys.config() + " (field " + SHARD_COUNT
                    + "): no node of cluster group '" + keys.group() + "' has led yet; start a node, or check the"
                    + " group name and key prefix");
        }
        int colon = value.indexOf(':');
        try {
            if (colon <= 0 || colon != value.lastIndexOf(':')) {
                throw new NumberFormatException("not <count>:<epoch>");
            }
            return new ClusterConfig(
                    Integer.parseInt(value.substring(0, colon)), Long.parseLong(value.substring(colon + 1)));
        } catch (IllegalArgumentException e) { // NumberFormatException included
            throw new IllegalStateException(
                    keys.config() + " field " + SHARD_COUNT + " is '" + value + "', not <count>:<epoch>", e);
        }
    }
}
