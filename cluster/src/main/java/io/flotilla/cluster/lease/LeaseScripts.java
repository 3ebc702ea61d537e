package io.flotilla.cluster.lease;

/**
 * The Lua scripts of the leases. Each runs atomically in Redis, which is what makes "compare, then act" safe
 * against another node acting in between.
 */
final class LeaseScripts {
    /**
     * Take a free lease with a fresh epoch. KEYS: lease, epoch counter. ARGV: node id, ttl ms, the highest epoch
     * this node saw. Returns {@code {1, token}} when taken, {@code {0, holder}} when held, {@code {-1, epoch}}
     * when the counter issued an epoch not above what this node saw (Redis lost state; nothing is set).
     */
    static final String ACQUIRE = """
            local holder = redis.call('GET', KEYS[1])
            if holder then return {0, holder} end
            local epoch = redis.call('INCR', KEYS[2])
            if epoch <= tonumber(ARGV[3]) then return {-1, tostring(epoch)} end
            local token = ARGV[1] .. ':' .. epoch
            redis.call('SET', KEYS[1], token, 'PX', ARGV[2])
            return {1, token}
            """;

    /**
     * Compare-and-extend many leases. KEYS: epoch counter, then the leases. ARGV: ttl ms, then each lease's
     * token. Returns the counter's value, then 1 (extended) or 0 (not ours) per lease.
     */
    static final String EXTEND = """
            local out = {tonumber(redis.call('GET', KEYS[1]) or '0')}
            for i = 2, #KEYS do
              if redis.call('GET', KEYS[i]) == ARGV[i] then
                redis.call('PEXPIRE', KEYS[i], ARGV[1])
                out[i] = 1
              else
                out[i] = 0
              end
            end
            return out
            """;

    /** Compare-and-delete. KEYS: lease. ARGV: token. Returns 1 when deleted, 0 when not ours. */
    static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """;

    /** Lift the counter to at least ARGV[1]. KEYS: epoch counter. Returns the counter's value. */
    static final String RAISE_FLOOR = """
            local current = tonumber(redis.call('GET', KEYS[1]) or '0')
            local floor = tonumber(ARGV[1])
            if current < floor then redis.call('SET', KEYS[1], floor) return floor end
            return current
            """;

    /**
     * A leader's fenced hash write. KEYS: leader key, hash. ARGV: leader token, epoch, {@code set} or {@code del},
     * then field/value pairs ({@code set}) or fields ({@code del}). Refused (0) unless the leader key holds the
     * token; refused (-1) when a touched field's stored value ends in {@code :<epoch>} newer than this one.
     * Returns 1 when written.
     */
    static final String FENCED_HASH = """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            local epoch = tonumber(ARGV[2])
            local step = 1
            if ARGV[3] == 'set' then step = 2 end
            for i = 4, #ARGV, step do
              local stored = redis.call('HGET', KEYS[2], ARGV[i])
              if stored then
                local e = tonumber(string.match(stored, ':(%d+)$'))
                if e and e > epoch then return -1 end
              end
            end
            for i = 4, #ARGV, step do
              if step == 2 then
                redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
              else
                redis.call('HDEL', KEYS[2], ARGV[i])
              end
            end
            return 1
            """;

    private LeaseScripts() {}
}
