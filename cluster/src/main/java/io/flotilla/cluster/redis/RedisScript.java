package io.flotilla.cluster.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script of ours: its source and the SHA-1 that {@code EVALSHA} names it by. Redis 6.2 is the floor, so
 * scripts (not Functions, which are 7.0+). Callers load it when they connect ({@code SCRIPT LOAD}) and load it
 * again when a reply says {@code NOSCRIPT} (a Redis restarted empty, or {@code SCRIPT FLUSH}). A value.
 *
 * @param name what the script does, for messages
 * @param source the Lua source
 * @param sha its SHA-1 in hex
 */
public record RedisScript(String name, String source, String sha) {

    public static RedisScript of(String name, String source) {
        return new RedisScript(name, source, sha1(source));
    }

    /** True when an error reply means Redis does not know the script (load it, then retry). */
    public static boolean isNoScript(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.startsWith("NOSCRIPT")) {
                return true;
            }
        }
        return false;
    }

    private static String sha1(String source) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-1, which every Java platform must provide", e);
        }
    }

    @Override
    public String toString() {
        return "script " + name + " (" + sha.substring(0, 8) + ")";
    }
}
