package io.flotilla.worker;

/**
 * The field names of a gap record in the stream {@code g:gaps} ({@link Keys#gaps}): a session of a shard ended
 * while Discord may have sent events that never reached the queues (op 9 d=false, close 4007 or 4009, a refused
 * resume, a session Redis lost). A gap is the only loss Flotilla may ever have, and it is always recorded.
 * {@code committed_seq} is the last seq of that session in the event streams (-1: none); events after it and up to
 * the session's end are missing (their count is unknowable: Discord does not say).
 *
 * <p>Constants only.
 */
public final class GapFields {
    public static final String SHARD = "shard";
    public static final String SESSION = "session";
    public static final String COMMITTED_SEQ = "committed_seq";
    public static final String RECEIVED_SEQ = "received_seq";
    public static final String REASON = "reason";
    public static final String AT = "at";

    private GapFields() {}
}
