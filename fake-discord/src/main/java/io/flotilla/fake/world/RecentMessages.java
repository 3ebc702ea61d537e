package io.flotilla.fake.world;

import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The last few hundred messages one generator created, so updates, deletes and reactions refer to real
 * messages. Messages are not world state (no cache compares them), so they live with the generator only. A
 * ring of parallel arrays keeps {@code next()} free of per-message objects.
 *
 * <p>Not thread-safe: owned by one {@link EventGenerator}.
 */
final class RecentMessages {

    private static final int CAPACITY = 512;

    private final long[] ids = new long[CAPACITY];
    private final long[] channelIds = new long[CAPACITY];
    private final long[] guildIds = new long[CAPACITY];
    private final long[] authorIds = new long[CAPACITY];
    private final long[] createdMs = new long[CAPACITY];
    private final @Nullable String[] contents = new String[CAPACITY];
    private int next;

    void add(long id, long channelId, long guildId, long authorId, long atMs, String content) {
        ids[next] = id;
        channelIds[next] = channelId;
        guildIds[next] = guildId;
        authorIds[next] = authorId;
        createdMs[next] = atMs;
        contents[next] = content;
        next = (next + 1) % CAPACITY;
    }

    /** A random slot holding a message, or -1 when the probe found an empty one. */
    int randomSlot(RandomGenerator rng) {
        int slot = rng.nextInt(CAPACITY);
        return ids[slot] == 0 ? -1 : slot;
    }

    /** Up to {@code max} slots of messages in the same channel as {@code slot}, {@code slot} first. */
    int sameChannel(int slot, int[] into) {
        int count = 0;
        for (int i = 0; i < CAPACITY && count < into.length; i++) {
            int candidate = (slot + i) % CAPACITY;
            if (ids[candidate] != 0 && channelIds[candidate] == channelIds[slot]) {
                into[count++] = candidate;
            }
        }
        return count;
    }

    void remove(int slot) {
        ids[slot] = 0;
        contents[slot] = null;
    }

    long id(int slot) {
        return ids[slot];
    }

    long channelId(int slot) {
        return channelIds[slot];
    }

    long guildId(int slot) {
        return guildIds[slot];
    }

    long authorId(int slot) {
        return authorIds[slot];
    }

    long createdMs(int slot) {
        return createdMs[slot];
    }

    String content(int slot) {
        String content = contents[slot];
        return content == null ? "" : content;
    }
}
