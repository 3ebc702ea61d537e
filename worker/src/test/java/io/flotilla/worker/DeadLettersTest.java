package io.flotilla.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadLettersTest {
    private static final Event EVENT =
            new Event("discord:event:ready", "5-0", 1, "s", 2, "READY", "{\"v\":10}", 1767225600000L);

    @Test
    void keepsTheEventsFieldsAndSaysWhereItCameFrom() {
        Map<String, String> fields = DeadLetters.fields(EVENT, "c1", 5, new IllegalStateException("boom"), 99);
        assertThat(fields)
                .containsEntry(EventFields.SHARD, "1")
                .containsEntry(EventFields.SEQ, "2")
                .containsEntry(EventFields.SESSION, "s")
                .containsEntry(EventFields.TYPE, "READY")
                .containsEntry(EventFields.DATA, "{\"v\":10}")
                .containsEntry(EventFields.RECEIVED_AT, "1767225600000")
                .containsEntry(DeadLetterFields.STREAM, "discord:event:ready")
                .containsEntry(DeadLetterFields.ENTRY_ID, "5-0")
                .containsEntry(DeadLetterFields.CONSUMER, "c1")
                .containsEntry(DeadLetterFields.DELIVERIES, "5")
                .containsEntry(DeadLetterFields.FAILED_AT, "99");
        assertThat(fields.get(DeadLetterFields.ERROR)).startsWith("java.lang.IllegalStateException: boom\n\tat ");
    }

    @Test
    void theErrorNamesItsCauseAndIsBounded() {
        Exception error = new RuntimeException("x".repeat(10_000), new java.io.IOException("disk"));
        String text = DeadLetters.describe(error);
        assertThat(text).hasSize(DeadLetters.MAX_ERROR_CHARS);
        assertThat(DeadLetters.describe(new RuntimeException("outer", new java.io.IOException("disk"))))
                .contains("Caused by: java.io.IOException: disk");
    }
}
