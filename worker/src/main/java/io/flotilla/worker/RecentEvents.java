package io.flotilla.worker;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The identities {@code (shard, session, seq)} of the last {@code capacity} events a consumer acknowledged, so a
 * repeat (after a committer retry whose first attempt did commit, or a resume after Redis lost its newest
 * writes) is dropped. A bounded window, not a global guarantee: a repeat older than the window gets through.
 *
 * <p>Owned by one {@link EventConsumer}; not thread-safe.
 */
final class RecentEvents {
    private record Identity(int shard, String session, long seq) {}

    private final LinkedHashMap<Identity, Boolean> seen;

    RecentEvents(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("dedupe window must hold at least 1 event, was " + capacity);
        }
        this.seen = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Identity, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Remembers a handled event. */
    void handled(Event event) {
        seen.put(identity(event), Boolean.TRUE);
    }

    /** True when an event with this identity was handled already: this one is a repeat. */
    boolean isRepeat(Event event) {
        return seen.containsKey(identity(event));
    }

    private static Identity identity(Event event) {
        return new Identity(event.shard(), event.session(), event.seq());
    }
}
