package io.flotilla.cluster.cache;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What one shard's lane remembers of the member and user documents it wrote: for each remembered member (guild,
 * user) or user, a 64-bit fingerprint of the message fields it last merged in. A MESSAGE_CREATE whose author and
 * member carry the very bytes last merged changes nothing (merging the same fields again gives the same document),
 * so its cache work, the member's read and write and the author's user merge, is skipped (issue 16: most messages
 * repeat their author's stored member and user). This is working memory, not an entity cache: it holds no
 * document, only {@value #SLOTS} fingerprints per shard (direct-mapped, a newer key takes an older one's slot;
 * about 24 KB, allocated on the first message), and a miss only means the full read, merge and write.
 *
 * <p>A fingerprint is trusted only once the batch that wrote it is APPLIED by the commit script ({@link
 * Batch#confirm}); until then it is pending. Any other write to a member or user (another event, a READY wipe,
 * a purged guild) forgets its fingerprint when the batch is computed, so a pending confirmation of an earlier
 * batch cannot revive it. {@link #forgetAll} when Redis may not hold what was confirmed (it lost writes, another
 * owner runs the shard). One instance per shard's ownership term: a new owner starts empty.
 *
 * <p>Owned by the shard's committer lane thread; not thread-safe.
 */
public final class WrittenDocuments {
    static final int SLOTS = 2048;
    private static final int CONFIRMED = 0;
    private static final long USER_DOMAIN = 0x5bd1e9955bd1e995L;

    /** Random per instance, so which inputs collide cannot be known in advance. */
    private final long seed = ThreadLocalRandom.current().nextLong();

    private long @org.jspecify.annotations.Nullable [] fingerprints; // 0 = empty
    private int @org.jspecify.annotations.Nullable [] marks; // CONFIRMED, or the token of the pending batch
    private int nextToken = 1;

    /** Forgets everything (Redis may no longer hold what was confirmed). */
    public void forgetAll() {
        if (fingerprints != null) {
            Arrays.fill(fingerprints, 0);
        }
    }

    /** True when this member's document was last written, and confirmed, from a message with this fingerprint. */
    boolean memberConfirmed(String guildId, String userId, long fingerprint) {
        return confirmed(memberSlot(guildId, userId), fingerprint);
    }

    /** True when this user was last merged, and confirmed, from a message author with this fingerprint. */
    boolean userConfirmed(String userId, long fingerprint) {
        return confirmed(userSlot(userId), fingerprint);
    }

    /** The fingerprint of a message's member for this (guild, author): the member's raw bytes and the key. */
    long memberFingerprint(String guildId, String userId, byte[] data, int from, int to) {
        return nonZero(Fingerprint.of(Fingerprint.of(seed, guildId, userId), data, from, to));
    }

    /** The fingerprint of a message's author (its raw bytes and its id). */
    long userFingerprint(String userId, byte[] data, int from, int to) {
        return nonZero(Fingerprint.of(Fingerprint.of(seed ^ USER_DOMAIN, userId, ""), data, from, to));
    }

    /** Starts remembering one batch's writes. */
    Batch begin() {
        int token = nextToken++;
        if (nextToken <= 0) {
            nextToken = 1;
        }
        return new Batch(token);
    }

    private boolean confirmed(int slot, long fingerprint) {
        long[] known = fingerprints;
        int[] state = marks;
        return known != null && state != null && known[slot] == fingerprint && state[slot] == CONFIRMED;
    }

    private int memberSlot(String guildId, String userId) {
        return (int) Fingerprint.of(seed, guildId, userId) & (SLOTS - 1);
    }

    private int userSlot(String userId) {
        return (int) Fingerprint.of(seed ^ USER_DOMAIN, userId, "") & (SLOTS - 1);
    }

    private static long nonZero(long fingerprint) {
        return fingerprint == 0 ? 1 : fingerprint;
    }

    /** One batch's remembered writes: pending until {@link #confirm}. */
    final class Batch {
        private final int token;
        private int[] slots = new int[8];
        private long[] pended = new long[8];
        private int count;

        private Batch(int token) {
            this.token = token;
        }

        void member(String guildId, String userId, long fingerprint) {
            pend(memberSlot(guildId, userId), fingerprint);
        }

        void user(String userId, long fingerprint) {
            pend(userSlot(userId), fingerprint);
        }

        void forgetMember(String guildId, String userId) {
            forget(memberSlot(guildId, userId));
        }

        void forgetUser(String userId) {
            forget(userSlot(userId));
        }

        void forgetAll() {
            WrittenDocuments.this.forgetAll();
        }

        /** The batch is APPLIED: what it wrote is in Redis, unless a later batch wrote the same slot since. */
        void confirm() {
            long[] known = fingerprints;
            int[] state = marks;
            if (known == null || state == null) {
                return;
            }
            for (int i = 0; i < count; i++) {
                int slot = slots[i];
                if (known[slot] == pended[i] && state[slot] == token) {
                    state[slot] = CONFIRMED;
                }
            }
        }

        private void pend(int slot, long fingerprint) {
            long[] known = fingerprints;
            int[] state = marks;
            if (known == null || state == null) {
                known = new long[SLOTS];
                state = new int[SLOTS];
                fingerprints = known;
                marks = state;
            }
            known[slot] = fingerprint;
            state[slot] = token;
            if (count == slots.length) {
                slots = Arrays.copyOf(slots, count * 2);
                pended = Arrays.copyOf(pended, count * 2);
            }
            slots[count] = slot;
            pended[count++] = fingerprint;
        }

        private void forget(int slot) {
            long[] known = fingerprints;
            if (known != null) {
                known[slot] = 0;
            }
        }
    }
}
