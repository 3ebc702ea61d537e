package io.flotilla.cluster;

/**
 * An infrastructure failure of the cluster's Redis-backed stores, with a {@link Kind} saying what the caller can
 * do next and the cause attached (STYLE.md 7.6).
 */
public final class ClusterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, named by what the caller can do about it. */
    public enum Kind {
        /** Redis did not answer or refused the connection: retry later; nothing was acknowledged. */
        REDIS_UNAVAILABLE,
        /** The component was closed: stop using it. */
        CLOSED,
        /** The thread was interrupted while waiting for Redis; the interrupt flag is set again. */
        INTERRUPTED
    }

    private final Kind kind;

    public ClusterException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public ClusterException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
