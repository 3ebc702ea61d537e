package io.flotilla.worker;

/**
 * The field names of an entry in a dead-letter stream {@code g:dead-letter:<consumer group>}
 * ({@link Keys#deadLetters}): the failed event's own fields ({@link EventFields}: {@code shard, seq, session, t,
 * d, at}, unchanged) plus where it came from and why it was given up.
 *
 * <p>Constants only.
 */
public final class DeadLetterFields {
    /** The event stream the entry was read from, e.g. {@code discord:event:message_create}. */
    public static final String STREAM = "stream";
    /** The entry's id in that stream (already acknowledged there). */
    public static final String ENTRY_ID = "entry_id";
    /** The consumer whose handler failed last. */
    public static final String CONSUMER = "consumer";
    /** How many times the group delivered the entry (Redis's delivery count). */
    public static final String DELIVERIES = "deliveries";
    /** The last failure: the exception's class and message, then its first stack frames. */
    public static final String ERROR = "error";
    /** When it was given up, epoch ms. */
    public static final String FAILED_AT = "failed_at";

    private DeadLetterFields() {}
}
