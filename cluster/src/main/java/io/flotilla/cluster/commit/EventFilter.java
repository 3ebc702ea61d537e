package io.flotilla.cluster.commit;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Which event names are queued to streams ({@code EVENTS}). Filtered-out dispatches still update the cache
 * and the session's seq; they are only not queued.
 *
 * <p>Immutable.
 */
public final class EventFilter {
    private static final EventFilter ALL = new EventFilter(null);

    private final Set<String> names;
    private final boolean all;

    private EventFilter(@Nullable Set<String> names) {
        this.all = names == null;
        this.names = names == null ? Set.of() : names;
    }

    /** Every event is queued (the default). */
    public static EventFilter all() {
        return ALL;
    }

    /** Only these event names (any case) are queued. */
    public static EventFilter only(Set<String> eventNames) {
        return new EventFilter(
                eventNames.stream().map(name -> name.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet()));
    }

    /** True when the event goes to its stream. Allocation-free. */
    public boolean accepts(String eventName) {
        return all || names.contains(eventName);
    }

    @Override
    public String toString() {
        return all ? "EventFilter[all]" : "EventFilter" + names;
    }
}
