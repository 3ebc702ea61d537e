package io.flotilla.protocol.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A small cache of event names, so a decoded dispatch reuses one String per name instead of allocating one per
 * event. Owned by one {@link EnvelopeDecoder}; a race only costs a duplicate String, never a wrong one.
 */
final class EventNames {
    private static final int SLOTS = 256;
    private static final JsonFactory JSON = new JsonFactory();

    private final @Nullable String[] slots = new String[SLOTS];

    /** The name whose JSON string content (between the quotes) is {@code [from, to)}. */
    String of(byte[] bytes, int from, int to) {
        int hash = 0;
        for (int i = from; i < to; i++) {
            byte c = bytes[i];
            if (c == '\\' || c < 0) {
                return unusual(bytes, from, to);
            }
            hash = 31 * hash + c;
        }
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        String cached = slots[slot];
        if (cached != null && sameChars(cached, bytes, from, to)) {
            return cached;
        }
        String name = new String(bytes, from, to - from, StandardCharsets.US_ASCII);
        slots[slot] = name;
        return name;
    }

    /** A name with escapes or non-ASCII characters (Discord sends none): decoded by Jackson, not cached. */
    private static String unusual(byte[] bytes, int from, int to) {
        try (JsonParser parser = JSON.createParser(bytes, from - 1, to - from + 2)) {
            parser.nextToken();
            return parser.getText();
        } catch (IOException e) {
            throw new PayloadException("gateway payload key 't' is not a valid JSON string: " + e.getMessage(), e);
        }
    }

    private static boolean sameChars(String s, byte[] bytes, int from, int to) {
        if (s.length() != to - from) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (s.charAt(i - from) != bytes[i]) {
                return false;
            }
        }
        return true;
    }
}
