package io.flotilla.cluster.endtoend;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads a whole stream in pages of {@link #PAGE} entries. One {@code XRANGE - +} over a soak's stream (hundreds of
 * thousands of entries) holds Redis's only thread long enough for every lease to lapse, so a checker reading that
 * way moves the very cluster it is checking.
 *
 * <p>Static; each call runs on its caller's thread.
 */
public final class StreamPages {
    /** Entries per XRANGE: a few milliseconds of Redis's time. */
    public static final int PAGE = 2_000;

    private StreamPages() {}

    /** Hands every entry of {@code stream} to {@code each}, oldest first. */
    public static void forEach(
            RedisCommands<String, String> redis, String stream, Consumer<StreamMessage<String, String>> each) {
        String from = "-";
        while (true) {
            List<StreamMessage<String, String>> page = redis.xrange(stream, Range.create(from, "+"), Limit.from(PAGE));
            page.forEach(each);
            if (page.size() < PAGE) {
                return;
            }
            from = after(page.get(page.size() - 1).getId());
        }
    }

    /** The smallest id above {@code id}: XRANGE's start is inclusive, and {@code (} needs Redis 6.2. */
    static String after(String id) {
        int dash = id.indexOf('-');
        long millis = Long.parseLong(id.substring(0, dash));
        long sequence = Long.parseLong(id.substring(dash + 1));
        return sequence == Long.MAX_VALUE ? (millis + 1) + "-0" : millis + "-" + (sequence + 1);
    }
}
