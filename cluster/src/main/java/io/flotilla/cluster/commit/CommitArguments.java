package io.flotilla.cluster.commit;

import io.flotilla.cluster.cache.CacheOpSink;
import io.flotilla.cluster.redis.EncodedArgs;
import io.flotilla.cluster.redis.RespBuffer;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.output.NestedMultiOutput;
import io.lettuce.core.protocol.CommandType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The KEYS and ARGV of one {@link CommitScript} call. KEYS: 1 the session hash, 2 the fence key (the session hash
 * again when unfenced), 3 the shard's guild hash (for the READY wipe), then every other key once. ARGV: 1 fence
 * token, 2 session, 3 epoch, 4 generation, 5 starts, 6 first seq, 7 last seq, 8 shard, 9 shard total, 10 owner,
 * 11 updated at, 12 resume url ("" = keep), 13 MAXLEN ("0" = none), 14 wipe, 15/16 the member key around a guild
 * id, 17 event count, 18 cache op count; then 5 per event (key index, seq, t, d, at), then per cache op its kind
 * ({@code H} HSET, {@code D} HDEL, {@code U} UNLINK), key index, value count and values.
 *
 * <p>Events and cache ops are written as RESP while they are added ({@link RespBuffer}), the keys and header when
 * the call is sent ({@link #evalsha}), so Lettuce only copies the call's bytes.
 *
 * <p>Built and used by one lane thread for one batch.
 */
final class CommitArguments implements CacheOpSink {
    static final int HEADER = 18;
    private static final byte[] ONE = {'1'};
    private static final byte[] ZERO = {'0'};
    private static final int MAX_VALUES_PER_OP = 1000;
    /** An event's arguments besides its d (spliced in, not copied): key index, seq, t, received-at, framing. */
    private static final int BYTES_PER_EVENT = 96;

    private final List<String> keys = new ArrayList<>();
    private final Map<String, Integer> keyIndex = new HashMap<>();
    private final byte[][] header = new byte[HEADER][];
    private final RespBuffer events;
    private final RespBuffer ops = new RespBuffer(256);
    private int eventCount;
    private int opCount;

    /** {@code expectedEvents}: about how many events the call will carry, to size its buffer once. */
    CommitArguments(String sessionKey, String fenceKey, String guildKey, int expectedEvents) {
        events = new RespBuffer(expectedEvents * BYTES_PER_EVENT);
        keys.add(sessionKey);
        keys.add(fenceKey.isEmpty() ? sessionKey : fenceKey);
        keys.add(guildKey);
        keyIndex.put(guildKey, 3);
        header[13] = ZERO;
    }

    void header(int argIndex, byte[] value) {
        header[argIndex - 1] = value;
    }

    void flag(int argIndex, boolean value) {
        header(argIndex, value ? ONE : ZERO);
    }

    void event(String streamKey, long seq, byte[] type, byte[] data, long at) {
        events.bulk(index(streamKey)).bulk(seq).bulk(type).bulk(data).bulk(at);
        eventCount++;
    }

    @Override
    public void wipeShard() {
        header[13] = ONE;
    }

    @Override
    public void hset(String key, Map<String, byte[]> fields) {
        List<byte[]> values = new ArrayList<>(fields.size() * 2);
        fields.forEach((field, value) -> {
            values.add(field.getBytes(StandardCharsets.UTF_8));
            values.add(value);
        });
        op('H', key, values, 2);
    }

    @Override
    public void hdel(String key, Collection<String> fields) {
        List<byte[]> values = new ArrayList<>(fields.size());
        fields.forEach(field -> values.add(field.getBytes(StandardCharsets.UTF_8)));
        op('D', key, values, 1);
    }

    @Override
    public void unlink(String key) {
        op('U', key, List.of(), 1);
    }

    /** Sends the call ({@code EVALSHA sha numkeys KEYS ARGV}), not flushed; its reply as the script returns it. */
    RedisFuture<List<Object>> evalsha(StatefulRedisConnection<String, byte[]> connection, String sha) {
        return connection
                .async()
                .dispatch(CommandType.EVALSHA, new NestedMultiOutput<>(BatchCommitter.CODEC), encoded(sha));
    }

    /** The call's arguments after its command name, in RESP. */
    EncodedArgs encoded(String sha) {
        header[16] = ascii(eventCount);
        header[17] = ascii(opCount);
        RespBuffer head = new RespBuffer(64 + keys.size() * 48 + HEADER * 16);
        head.bulk(sha).bulk(keys.size());
        for (String key : keys) {
            head.bulk(key);
        }
        for (byte[] value : header) {
            head.bulk(value);
        }
        return new EncodedArgs(BatchCommitter.CODEC, List.of(head, events, ops));
    }

    /** One op per at most {@value #MAX_VALUES_PER_OP} values (Lua's unpack has a stack limit). */
    private void op(char kind, String key, List<byte[]> values, int step) {
        byte[] kindBytes = {(byte) kind};
        int index = index(key);
        int from = 0;
        do {
            int to = Math.min(values.size(), from + MAX_VALUES_PER_OP / step * step);
            ops.bulk(kindBytes).bulk(index).bulk(to - from);
            for (byte[] value : values.subList(from, to)) {
                ops.bulk(value);
            }
            opCount++;
            from = to;
        } while (from < values.size());
    }

    private int index(String key) {
        return keyIndex.computeIfAbsent(key, k -> {
            keys.add(k);
            return keys.size();
        });
    }

    static byte[] ascii(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }
}
