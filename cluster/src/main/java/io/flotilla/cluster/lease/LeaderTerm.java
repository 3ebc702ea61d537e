package io.flotilla.cluster.lease;

import java.util.Optional;

/**
 * One node's term as the group's leader: the leader key holds {@link #token()} ({@code <nodeId>:<epoch>})
 * while the term lasts, and every write the leader makes carries {@link #epoch()}.
 *
 * <p>The same {@code <nodeId>:<epoch>} form is the token of a shard lease; {@link #parse} reads both.
 */
public record LeaderTerm(String nodeId, long epoch) {
    public LeaderTerm {
        if (nodeId.isEmpty() || nodeId.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a node id must be non-empty without ':', was '" + nodeId + "'");
        }
        if (epoch < 1) {
            throw new IllegalArgumentException("an epoch starts at 1 (INCR), was " + epoch);
        }
    }

    /** {@code <nodeId>:<epoch>}, the value stored in the lease key. */
    public String token() {
        return nodeId + ":" + epoch;
    }

    /** The term a stored token names, or empty when the value is not {@code <nodeId>:<epoch>}. */
    public static Optional<LeaderTerm> parse(String token) {
        int colon = token.lastIndexOf(':');
        if (colon <= 0 || colon == token.length() - 1 || token.indexOf(':') != colon) {
            return Optional.empty();
        }
        try {
            long epoch = Long.parseLong(token.substring(colon + 1));
            return epoch < 1 ? Optional.empty() : Optional.of(new LeaderTerm(token.substring(0, colon), epoch));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
