package io.flotilla.protocol.json;

import org.jspecify.annotations.Nullable;

/**
 * The brackets a container skip has opened and not closed yet, one bit each ({@code '{'} set, {@code '['} clear):
 * the first 64 levels in a word, deeper ones (rare) in words allocated when reached, up to {@value #MAX_DEPTH}.
 * Checks that each closing bracket matches the one it closes.
 *
 * <p>One per skip, on the scanning thread.
 */
final class BracketStack {
    static final int MAX_DEPTH = 512;

    private long shallow;
    private long @Nullable [] deep;
    private int depth;

    /** Opens {@code c} ({@code '{'} or {@code '['}) at byte {@code at}. */
    void push(byte c, int at) {
        if (depth == MAX_DEPTH) {
            throw new PayloadException("gateway payload nests deeper than " + MAX_DEPTH + " (at byte " + at + ")");
        }
        set(depth++, c == '{');
    }

    /** Closes with {@code c} ({@code '}'} or {@code ']'}) at byte {@code at}; true when nothing is left open. */
    boolean pop(byte c, int at) {
        if (depth == 0 || get(--depth) != (c == '}')) {
            throw new PayloadException(
                    "gateway payload is not valid JSON: mismatched '" + (char) c + "' at byte " + at);
        }
        return depth == 0;
    }

    private void set(int level, boolean brace) {
        if (level < 64) {
            shallow = brace ? shallow | 1L << level : shallow & ~(1L << level);
            return;
        }
        long[] words = deep;
        if (words == null) {
            words = new long[MAX_DEPTH / 64];
            deep = words;
        }
        long bit = 1L << (level & 63);
        words[level >>> 6] = brace ? words[level >>> 6] | bit : words[level >>> 6] & ~bit;
    }

    private boolean get(int level) {
        long[] words = deep;
        long word = level < 64 || words == null ? shallow : words[level >>> 6];
        return (word >>> (level & 63) & 1) != 0;
    }
}
