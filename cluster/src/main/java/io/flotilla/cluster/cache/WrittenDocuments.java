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
 * <p>A fingerprint is trusted from the moment the batch that writes it is computed, before its commit: the shard's
 * later batches apply only after it did (the commit script answers BEHIND otherwise), so what a later batch leaves
 * out is in Redis whenever that batch is. What makes that hold: the lane calls {@link #forgetAll} for every attempt
 * that did not apply (an error reply held for a retry, a failed round, and, through the batcher's drop, BEHIND,
 * LOST, SUPERSEDED and FENCED), because a retry is computed again and must never trust its own unapplied attempt;
 * and when Redis may not hold what was written (it lost writes, another owner runs the shard). Any other write to a
 * member or user (another event, a READY wipe, a purged guild) forgets its fingerprint when its batch is computed.
 * One instance per shard's ownership term: a new owner starts empty.
 *
 * <p>Owned by the shard's committer lane thread; not thread-safe.
 */
public final class WrittenDocuments {
    static final int SLOTS = 2048;
    private static final long USER_DOMAIN = 0x5bd1e9955bd1e995L;

    /** Random per instance, so which inputs collide cannot be known in advance. */
    private final long seed = ThreadLocalRandom.current().nextLong();

    private long @org.jspecify.annotations.Nullable [] fingerprints; // 0 = empty

    /** Forgets everything (an attempt did not apply, or Redis may no longer hold what was written). */
    public void forgetAll() {
        if (fingerprints != null) {
            Arrays.fill(fingerprints, 0);
        }
    }

    /** The key of a member (guild, user): its slot and the start of its fingerprints. */
    long memberKey(String guildId, String userId) {
        return Fingerprint.of(seed, guildId, userId);
    }

    /** The key of a user, in a domain of its own so that it never equals a member's. */
    long userKey(String userId) {
        return Fingerprint.of(seed ^ USER_DOMAIN, userId, "");
    }

    /** The fingerprint of a message's member or author for its key: the raw bytes {@code data[from, to)}. */
    long fingerprint(long key, byte[] data, int from, int to) {
        return nonZero(Fingerprint.of(key, data, from, to));
    }

    /** True when the member or user of this key was last written from a message part with this fingerprint. */
    boolean known(long key, long fingerprint) {
        long[] known = fingerprints;
        return known != null && known[slot(key)] == fingerprint;
    }

    /** The member was written from a message with this fingerprint. */
    void member(String guildId, String userId, long fingerprint) {
        remember(memberSlot(guildId, userId), fingerprint);
    }

    /** The user was merged from a message author with this fingerprint. */
    void user(String userId, long fingerprint) {
        remember(userSlot(userId), fingerprint);
    }

    /** The member was written otherwise (or deleted): what it holds is no longer known. */
    void forgetMember(String guildId, String userId) {
        forget(memberSlot(guildId, userId));
    }

    /** The user was merged otherwise: what it holds is no longer known. */
    void forgetUser(String userId) {
        forget(userSlot(userId));
    }

    private void remember(int slot, long fingerprint) {
        long[] known = fingerprints;
        if (known == null) {
            known = new long[SLOTS];
            fingerprints = known;
        }
        known[slot] = fingerprint;
    }

    private void forget(int slot) {
        long[] known = fingerprints;
        if (known != null) {
            known[slot] = 0;
        }
    }

    private int memberSlot(String guildId, String userId) {
        return slot(memberKey(guildId, userId));
    }

    private int userSlot(String userId) {
        return slot(userKey(userId));
    }

    private static int slot(long key) {
        return (int) key & (SLOTS - 1);
    }

    private static long nonZero(long fingerprint) {
        return fingerprint == 0 ? 1 : fingerprint;
    }
}
