package io.flotilla.cluster.cache;

import io.flotilla.cluster.redis.RedisScript;

/**
 * The Lua script that merges partial users into the global user hash {@code g:cache:user}: for each
 * {@code (id, json)} pair, the fields of the incoming JSON overwrite the stored ones and the others stay
 * (PRESENCE_UPDATE users are partial, GATEWAY.md 11.7). Running it twice gives the same result, so it runs ahead
 * of the shard's transaction and may be retried freely; the hash is shared by all shards, and a script is atomic.
 *
 * <p>Known limit: Redis's cjson writes an empty JSON array as {@code {}}; user objects hold no arrays today.
 */
final class UserMergeScript {
    private static final String SOURCE = """
            local key = KEYS[1]
            for i = 1, #ARGV, 2 do
              local id = ARGV[i]
              local incoming = ARGV[i + 1]
              local stored = redis.call('HGET', key, id)
              if not stored then
                redis.call('HSET', key, id, incoming)
              elseif stored ~= incoming then
                local ok, current = pcall(cjson.decode, stored)
                if ok and type(current) == 'table' then
                  for field, value in pairs(cjson.decode(incoming)) do
                    current[field] = value
                  end
                  redis.call('HSET', key, id, cjson.encode(current))
                else
                  redis.call('HSET', key, id, incoming)
                end
              end
            end
            return #ARGV / 2
            """;

    /** The script, with the SHA-1 EVALSHA names it by. */
    static final RedisScript SCRIPT = RedisScript.of("merge-users", SOURCE);

    private UserMergeScript() {}
}
