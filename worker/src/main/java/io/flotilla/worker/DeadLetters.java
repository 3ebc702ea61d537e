package io.flotilla.worker;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds a dead-letter entry ({@link DeadLetterFields}): the event's fields as they were queued, where it came
 * from, how often it was delivered and the last error, bounded so one huge stack trace cannot bloat the stream.
 *
 * <p>Stateless.
 */
final class DeadLetters {
    /** At most this many characters of the error are kept. */
    static final int MAX_ERROR_CHARS = 4000;

    private static final int STACK_FRAMES = 8;

    private DeadLetters() {}

    static Map<String, String> fields(
            Event event, String consumer, long deliveries, Throwable error, long failedAtMillis) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(EventFields.SHARD, Integer.toString(event.shard()));
        fields.put(EventFields.SEQ, Long.toString(event.seq()));
        fields.put(EventFields.SESSION, event.session());
        fields.put(EventFields.TYPE, event.type());
        fields.put(EventFields.DATA, event.data());
        fields.put(EventFields.RECEIVED_AT, Long.toString(event.receivedAt()));
        fields.put(DeadLetterFields.STREAM, event.stream());
        fields.put(DeadLetterFields.ENTRY_ID, event.id());
        fields.put(DeadLetterFields.CONSUMER, consumer);
        fields.put(DeadLetterFields.DELIVERIES, Long.toString(deliveries));
        fields.put(DeadLetterFields.ERROR, describe(error));
        fields.put(DeadLetterFields.FAILED_AT, Long.toString(failedAtMillis));
        return fields;
    }

    /** {@code Class: message} and the first stack frames, at most {@link #MAX_ERROR_CHARS}. */
    static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(error.toString());
        StackTraceElement[] frames = error.getStackTrace();
        for (int i = 0; i < Math.min(STACK_FRAMES, frames.length); i++) {
            text.append("\n\tat ").append(frames[i]);
        }
        Throwable cause = error.getCause();
        if (cause != null && cause != error) {
            text.append("\nCaused by: ").append(cause);
        }
        return text.length() <= MAX_ERROR_CHARS ? text.toString() : text.substring(0, MAX_ERROR_CHARS);
    }
}
