package io.flotilla.cluster.commit;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * What Redis decided about one commit (of a batch, or of a session's end), read from the script's reply. A value.
 *
 * @param outcome the decision
 * @param storedSession the session Redis holds for the shard after the script ("" when none; for
 *     {@link Outcome#WRONGTYPE} the offending key)
 * @param storedSeq its seq after the script, -1 when none
 * @param detail for {@link Outcome#WRONGTYPE} the key's actual type, else ""
 */
record CommitVerdict(Outcome outcome, String storedSession, long storedSeq, String detail) {

    /** The decisions of {@link CommitScript} and {@link SessionEndScript}, each knowing whether the work is done. */
    enum Outcome {
        /** Written. */
        APPLIED(true),
        /** Already in Redis (a retry after a lost reply, a late duplicate): nothing written, the batch counts. */
        DUPLICATE(true),
        /** Redis holds the session only up to an earlier seq than the batch follows on: nothing written. */
        BEHIND(false),
        /** Redis holds no record of the session and nothing newer: it lost writes. Nothing written. */
        LOST(false),
        /** The fence token is not in the lease key: another owner runs the shard. Nothing written. */
        FENCED(false),
        /** Redis holds a newer session of the shard: this batch belongs to a dead one. Nothing written. */
        SUPERSEDED(false),
        /** A key the batch writes has another type (someone else wrote it). Nothing written. */
        WRONGTYPE(false),
        /** A session's end was written (and its gap record, if any). */
        ENDED(true),
        /** The session ending is not the stored one any more: nothing to end. */
        NOT_CURRENT(true);

        private final boolean resolved;

        Outcome(boolean resolved) {
            this.resolved = resolved;
        }

        /** True when the commit needs nothing more: its events are (or need not be) in Redis. */
        boolean resolved() {
            return resolved;
        }
    }

    /** Reads a script reply: {@code {verdict, session-or-key, seq-or-type}}. */
    static CommitVerdict parse(List<Object> reply) {
        if (reply.size() != 3) {
            throw new IllegalStateException("a commit script replied with " + reply.size() + " values, expected 3");
        }
        Outcome outcome = Outcome.valueOf(text(reply.get(0)).toUpperCase(Locale.ROOT));
        if (outcome == Outcome.WRONGTYPE) {
            return new CommitVerdict(outcome, text(reply.get(1)), -1, text(reply.get(2)));
        }
        return new CommitVerdict(outcome, text(reply.get(1)), number(reply.get(2)), "");
    }

    private static String text(Object value) {
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return String.valueOf(value);
    }

    private static long number(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        return Long.parseLong(text(value));
    }
}
