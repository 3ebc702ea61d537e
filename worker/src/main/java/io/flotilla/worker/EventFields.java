package io.flotilla.worker;

/**
 * The field names of an entry in an event stream {@code discord:event:<name>} (ARCHITECTURE.md, "Redis
 * layout"): {@code shard}, {@code seq}, {@code session}, {@code t}, {@code d} (the raw JSON of the dispatch)
 * and {@code at} (receive time, ms). {@code (shard, session, seq)} identifies an event.
 *
 * <p>Constants only.
 */
public final class EventFields {
    public static final String SHARD = "shard";
    public static final String SEQ = "seq";
    public static final String SESSION = "session";
    public static final String TYPE = "t";
    public static final String DATA = "d";
    public static final String RECEIVED_AT = "at";

    private EventFields() {}
}
