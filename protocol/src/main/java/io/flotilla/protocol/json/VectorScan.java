package io.flotilla.protocol.json;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link JsonScan#skipContainer} with SIMD: 64 bytes at a time become four bitmasks (quotes, backslashes, opening
 * and closing brackets), a prefix XOR of the quotes marks the bytes inside strings, and only the brackets outside
 * strings are visited one by one. A message's {@code d} is mostly string bytes, which the byte-wise scan walked
 * one word at a time; here they cost a few instructions per 64 bytes (issue 16: skipping d was a fifth of a node's
 * CPU with the cache off).
 *
 * <p>A block holding a backslash is walked byte by byte by the same rules as {@link JsonScan} (escapes are rare in
 * gateway JSON, and walking them in order keeps both scans' answers identical, on invalid input too). Uses the
 * incubating Vector API: only loaded when {@link JsonScan} found the {@code jdk.incubator.vector} module.
 *
 * <p>Stateless.
 */
final class VectorScan {
    private static final VectorSpecies<Byte> SPECIES = ByteVector.SPECIES_PREFERRED;
    private static final int BLOCK = 64;
    /** {@code '['} and {@code '{'} differ only in bit 5, as do {@code ']'} and {@code '}'}: one compare each. */
    private static final byte CASE_BIT = 0x20;

    private VectorScan() {}

    /** Whether this machine's vectors cover a block in whole vectors (16 bytes or more, a divisor of 64). */
    static boolean usable() {
        int lanes = SPECIES.length();
        return lanes >= 16 && BLOCK % lanes == 0;
    }

    /** As {@link JsonScan#skipContainer}: {@code b[i]} opens an object or array; the index after its close. */
    static int skipContainer(byte[] b, int i, int end) {
        BracketStack open = new BracketStack();
        boolean inString = false;
        int pos = i;
        while (pos < end) {
            // The block [base, base + 64): from pos where the array allows, else the array's last 64 bytes; the
            // bits of bytes before pos or from end on are dropped.
            int base = Math.min(pos, b.length - BLOCK);
            if (base < 0) { // an array shorter than a block: walked in order to the end
                int after = walkInOrder(b, pos, end, end, open, inString);
                if (after >= 0) {
                    return after;
                }
                break;
            }
            int valid = Math.min(end - pos, BLOCK);
            long keep = valid == BLOCK ? -1L : (1L << valid) - 1;
            int shift = pos - base;
            long quotes = 0;
            long slashes = 0;
            long opens = 0;
            long closes = 0;
            for (int k = 0; k < BLOCK; k += SPECIES.length()) {
                ByteVector v = ByteVector.fromArray(SPECIES, b, base + k);
                ByteVector folded = v.or(CASE_BIT);
                quotes |= v.eq((byte) '"').toLong() << k;
                slashes |= v.eq((byte) '\\').toLong() << k;
                opens |= folded.eq((byte) '{').toLong() << k;
                closes |= folded.eq((byte) '}').toLong() << k;
            }
            if (((slashes >>> shift) & keep) != 0) { // escapes: walked in order (a string may run past the block)
                int after = walkInOrder(b, pos, pos + valid, end, open, inString);
                if (after >= 0) {
                    return after;
                }
                inString = false;
                pos = ~after;
                continue;
            }
            long inside = prefixXor((quotes >>> shift) & keep) ^ (inString ? -1L : 0L);
            long brackets = ((opens | closes) >>> shift) & keep & ~inside;
            opens >>>= shift;
            while (brackets != 0) {
                int at = Long.numberOfTrailingZeros(brackets);
                brackets &= brackets - 1;
                byte c = b[pos + at];
                if ((opens >>> at & 1) != 0) {
                    open.push(c, pos + at);
                } else if (open.pop(c, pos + at)) {
                    return pos + at + 1;
                }
            }
            inString = (inside >>> (valid - 1) & 1) != 0; // the block's last byte is inside a string
            pos += valid;
        }
        throw JsonScan.truncated();
    }

    /**
     * {@link JsonScan#walkBrackets} from {@code pos}, finishing first the string a block left open: the index after
     * the close, or {@code ~i} to go on from {@code i}, outside any string.
     */
    private static int walkInOrder(byte[] b, int pos, int stop, int end, BracketStack open, boolean inString) {
        return JsonScan.walkBrackets(b, inString ? JsonScan.stringRest(b, pos, end) : pos, stop, end, open);
    }

    /** Bit k set when an odd number of bits 0..k of {@code x} are set: inside a string, its opening quote included. */
    private static long prefixXor(long x) {
        x ^= x << 1;
        x ^= x << 2;
        x ^= x << 4;
        x ^= x << 8;
        x ^= x << 16;
        x ^= x << 32;
        return x;
    }
}
