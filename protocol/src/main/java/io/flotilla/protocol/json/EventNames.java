package io.flotilla.protocol.json;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * A small cache of event names, so a decoded dispatch reuses one String per name instead of allocating one per
 * event. Owned by one {@link EnvelopeDecoder}; a race only costs a duplicate String, never a wrong one.
 */
final class EventNames {
    private static final int SLOTS = 256;

    private final @Nullable String[] slots = new String[SLOTS];

    String of(JsonParser parser) throws IOException {
        char[] chars = parser.getTextCharacters();
        int offset = parser.getTextOffset();
        int length = parser.getTextLength();
        int hash = 0;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + chars[offset + i];
        }
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        String cached = slots[slot];
        if (cached != null && sameChars(cached, chars, offset, length)) {
            return cached;
        }
        String name = new String(chars, offset, length);
        slots[slot] = name;
        return name;
    }

    private static boolean sameChars(String s, char[] chars, int offset, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }
}
