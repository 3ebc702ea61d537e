package io.flotilla.node.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jspecify.annotations.Nullable;

/**
 * Checks {@code Authorization: Bearer <token>} against the admin token. Both sides are hashed with SHA-256 first
 * and the digests compared with {@link MessageDigest#isEqual} (constant time), so neither the token's bytes nor its
 * length can be learned from how long a refusal takes. The token is never logged or echoed. Immutable,
 * thread-safe.
 */
public final class BearerAuth {
    private static final String SCHEME = "Bearer ";

    private final byte[] expected;

    public BearerAuth(String token) {
        if (token.isEmpty()) {
            throw new IllegalArgumentException("an admin token is never empty");
        }
        this.expected = digest(token);
    }

    /** True when {@code authorization} (the header, or null) carries exactly the token. */
    public boolean allows(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        String presented = authorization.substring(SCHEME.length()).trim();
        return MessageDigest.isEqual(expected, digest(presented));
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "BearerAuth[***]";
    }
}
