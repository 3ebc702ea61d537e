package io.flotilla.cluster.endtoend;

import io.flotilla.worker.Keys;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every entry of every {@code discord:event:*} stream, read back as {@code (shard, session, seq)}: what a worker
 * would get. Entries of one shard and session keep their stream order, merged over the streams by seq.
 *
 * <p>A snapshot; not thread-safe.
 */
public final class CommittedEvents {
    /** One stream entry's identity. */
    public record Entry(int shard, String session, long seq, String type) {}

    private final List<Entry> entries;

    private CommittedEvents(List<Entry> entries) {
        this.entries = entries;
    }

    /** Reads every event stream under {@code keys}, and checks each stream holds a shard's seqs in rising order. */
    public static CommittedEvents read(RedisCommands<String, String> redis, Keys keys) {
        List<Entry> entries = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = redis.scan(
                    cursor, ScanArgs.Builder.matches(keys.events("*")).limit(500));
            for (String stream : page.getKeys()) {
                Map<String, Long> lastSeq = new LinkedHashMap<>();
                StreamPages.forEach(redis, stream, message -> {
                    Map<String, String> body = message.getBody();
                    Entry entry = new Entry(
                            Integer.parseInt(field(body, "shard")),
                            field(body, "session"),
                            Long.parseLong(field(body, "seq")),
                            field(body, "t"));
                    String owner = entry.shard() + "/" + entry.session();
                    Long previous = lastSeq.put(owner, entry.seq());
                    if (previous != null && previous >= entry.seq()) {
                        throw new AssertionError("stream " + stream + " holds seq " + entry.seq() + " of " + owner
                                + " after seq " + previous);
                    }
                    entries.add(entry);
                });
            }
            cursor = page;
        } while (!cursor.isFinished());
        return new CommittedEvents(entries);
    }

    /** The seqs committed for one shard's session, sorted (repeats kept, so a duplicate shows). */
    public List<Long> seqs(int shard, String session) {
        return entries.stream()
                .filter(entry -> entry.shard() == shard && entry.session().equals(session))
                .map(Entry::seq)
                .sorted()
                .toList();
    }

    /** The event names committed for one shard's session, in seq order. */
    public List<String> types(int shard, String session) {
        return entries.stream()
                .filter(entry -> entry.shard() == shard && entry.session().equals(session))
                .sorted((a, b) -> Long.compare(a.seq(), b.seq()))
                .map(Entry::type)
                .toList();
    }

    /** The sessions that have entries for a shard. */
    public List<String> sessions(int shard) {
        return entries.stream()
                .filter(entry -> entry.shard() == shard)
                .map(Entry::session)
                .distinct()
                .toList();
    }

    public int size() {
        return entries.size();
    }

    private static String field(Map<String, String> body, String name) {
        return Objects.requireNonNull(body.get(name), () -> "stream entry without field " + name + ": " + body);
    }
}
