package io.flotilla.cluster.cache;

/** Where the entity cache lives ({@code CACHE_MODE}, ARCHITECTURE.md "Redis layout"). */
public enum CacheMode {
    /** In Redis, in the seed's schema; written in the same transaction as the events. */
    REDIS,
    /** In the node's memory, same documents and API; for a single node. */
    MEMORY,
    /** No cache: dispatches only go to the event queues. */
    NONE;

    /** Reads a {@code CACHE_MODE} value (any case); the error names the allowed values. */
    public static CacheMode parse(String value) {
        for (CacheMode mode : values()) {
            if (mode.name().equalsIgnoreCase(value.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("cache mode must be redis, memory or none, was '" + value + "'");
    }
}
