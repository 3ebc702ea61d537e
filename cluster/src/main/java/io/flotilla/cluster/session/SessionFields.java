package io.flotilla.cluster.session;

/**
 * Field names of the session hash {@code g:session:<shard>} (ARCHITECTURE.md "Redis layout"). The batch
 * committer writes {@code seq} (with {@code session_id}, {@code shard_total}, {@code owner} and
 * {@code updated_at}) in every batch's commit script; READY adds {@code resume_gateway_url}, {@code epoch} and
 * {@code generation}; an identify grant adds {@link #IDENTIFY_GRANTED} until its READY is committed. A session that ended keeps {@code epoch} and {@code generation} (so no late write of it can
 * come back) and loses {@code session_id}, {@code seq} and {@code resume_gateway_url}.
 *
 * <p>Constants only.
 */
public final class SessionFields {
    public static final String SESSION_ID = "session_id";
    public static final String SEQ = "seq";
    public static final String RESUME_URL = "resume_gateway_url";
    public static final String SHARD_TOTAL = "shard_total";
    public static final String OWNER = "owner";
    public static final String UPDATED_AT = "updated_at";
    /** The fencing epoch of the owner that started the session (with {@link #GENERATION}: which session is newer). */
    public static final String EPOCH = "epoch";
    /** The session's ordinal under its epoch; a new session replaces the stored one only when it is newer. */
    public static final String GENERATION = "generation";
    /**
     * An identify turn granted and not yet followed by a committed READY: {@code "<grant ms> <turn token>"}, written
     * by the identify gate's script when it grants a turn and removed by the commit of a new session's READY. Found
     * at the next grant, it means a session Discord may have started was never committed (its node was killed or
     * fenced between the READY and its commit): that grant records a gap of an unknown session.
     */
    public static final String IDENTIFY_GRANTED = "identify_granted";

    private SessionFields() {}
}
