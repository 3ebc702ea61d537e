package io.flotilla.cluster.session;

/**
 * Field names of the session hash {@code g:session:<shard>} (ARCHITECTURE.md "Redis layout"). The batch
 * committer writes {@code seq} (with {@code session_id}, {@code shard_total}, {@code owner} and
 * {@code updated_at}) in every batch's transaction; READY adds {@code resume_gateway_url}.
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

    private SessionFields() {}
}
