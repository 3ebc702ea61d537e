package io.flotilla.cluster.commit;

import io.flotilla.cluster.cache.CacheOpSink;
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
 * <p>Built and used by one lane thread for one batch.
 */
final class CommitArguments implements CacheOpSink {
    static final int HEADER = 18;
    private static final byte[] ONE = {'1'};
    private static final byte[] ZERO = {'0'};
    private static final int MAX_VALUES_PER_OP = 1000;

    private final List<String> keys = new ArrayList<>();
    private final Map<String, Integer> keyIndex = new HashMap<>();
    private final byte[][] header = new byte[HEADER][];
    private final List<byte[]> events = new ArrayList<>();
    private final List<byte[]> ops = new ArrayList<>();
    private int eventCount;
    private int opCount;

    CommitArguments(String sessionKey, String fenceKey, String guildKey) {
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

    void event(String streamKey, byte[] seq, byte[] type, byte[] data, byte[] at) {
        events.add(ascii(index(streamKey)));
        events.add(seq);
        events.add(type);
        events.add(data);
        events.add(at);
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

    String[] keys() {
        return keys.toArray(String[]::new);
    }

    byte[][] argv() {
        header[16] = ascii(eventCount);
        header[17] = ascii(opCount);
        byte[][] argv = new byte[HEADER + events.size() + ops.size()][];
        System.arraycopy(header, 0, argv, 0, HEADER);
        int i = HEADER;
        for (byte[] value : events) {
            argv[i++] = value;
        }
        for (byte[] value : ops) {
            argv[i++] = value;
        }
        return argv;
    }

    /** One op per at most {@value #MAX_VALUES_PER_OP} values (Lua's unpack has a stack limit). */
    private void op(char kind, String key, List<byte[]> values, int step) {
        byte[] kindBytes = {(byte) kind};
        byte[] index = ascii(index(key));
        int from = 0;
        do {
            int to = Math.min(values.size(), from + MAX_VALUES_PER_OP / step * step);
            ops.add(kindBytes);
            ops.add(index);
            ops.add(ascii(to - from));
            ops.addAll(values.subList(from, to));
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
