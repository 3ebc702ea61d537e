package io.flotilla.cluster.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Lua script that merges partial users into the global user hash {@code g:cache:user}: for each
 * {@code (id, json)} pair, the fields of the incoming JSON overwrite the stored ones and the others stay
 * (PRESENCE_UPDATE users are partial, GATEWAY.md 11.7). Running it twice gives the same result, so it runs ahead
 * of the shard's transaction and may be retried freely; the hash is shared by all shards, and a script is atomic.
 *
 * <p>Known limit: Redis's cjson writes an empty JSON array as {@code {}}; user objects hold no arrays today.
 */
final class UserMergeScript {
    static final String SOURCE = """
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

    /** The script's SHA-1, as EVALSHA names it. */
    static final String SHA = sha1(SOURCE);

    private UserMergeScript() {}

    private static String sha1(String source) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-1, which every Java platform must provide", e);
        }
    }
}
