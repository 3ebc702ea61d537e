package io.flotilla.fake.world;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Every user of the world, by id. Users are global: one user can be a member of several guilds, and leaving
 * a guild keeps the user here. The initial pool (made at generation) is what guilds pick their members from;
 * event generators add new users for joins.
 *
 * <p>Thread-safe: users are immutable values in a concurrent map; a change is an atomic replace.
 */
final class UserDirectory {

    // settings
    private final long[] pool;

    // mutable state
    private final ConcurrentHashMap<Long, User> users;

    private UserDirectory(long[] pool, ConcurrentHashMap<Long, User> users) {
        this.pool = pool;
        this.users = users;
    }

    /** Makes {@code poolSize} users, created between 2016 and the world start, with ids from {@code mint}. */
    static UserDirectory generate(int poolSize, RandomGenerator rng, SnowflakeMint mint) {
        long[] pool = new long[poolSize];
        ConcurrentHashMap<Long, User> users = new ConcurrentHashMap<>(Math.max(16, poolSize * 2));
        long from = Instant.parse("2016-01-01T00:00:00Z").toEpochMilli();
        long step = Math.max(1, (IsoTime.WORLD_START_MS - 86_400_000L - from) / Math.max(1, poolSize));
        for (int i = 0; i < poolSize; i++) {
            long id = mint.mint(from + i * step + rng.nextLong(step));
            User user = randomUser(id, rng, i);
            pool[i] = id;
            users.put(id, user);
        }
        return new UserDirectory(pool, users);
    }

    static User randomUser(long id, RandomGenerator rng, long serial) {
        String globalName = rng.nextInt(10) < 7 ? Names.displayName(rng) : null;
        String avatar = rng.nextInt(10) < 8 ? Names.imageHash(rng) : null;
        int publicFlags = rng.nextInt(20) == 0 ? 64 : 0; // 64: HypeSquad Bravery, for a little variety
        return new User(id, Names.username(rng, serial), globalName, avatar, false, publicFlags);
    }

    int poolSize() {
        return pool.length;
    }

    /** The id of the initial pool's user at {@code index}. */
    long poolUser(int index) {
        return pool[index];
    }

    @Nullable
    User find(long id) {
        return users.get(id);
    }

    /** The user, which must exist: members only ever refer to users of this directory. */
    User get(long id) {
        User user = users.get(id);
        if (user == null) {
            throw new IllegalStateException("world bug: no user " + Long.toUnsignedString(id) + " in the directory");
        }
        return user;
    }

    /** Adds a user; false when the id is already taken. */
    boolean add(User user) {
        return users.putIfAbsent(user.id(), user) == null;
    }

    /** Atomically replaces the user with {@code change(current)} and returns the new value. */
    User update(long id, UnaryOperator<User> change) {
        User updated = users.computeIfPresent(id, (key, current) -> change.apply(current));
        if (updated == null) {
            throw new IllegalStateException("world bug: no user " + Long.toUnsignedString(id) + " to update");
        }
        return updated;
    }

    int size() {
        return users.size();
    }
}
