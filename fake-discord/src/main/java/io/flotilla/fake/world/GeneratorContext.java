package io.flotilla.fake.world;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * What one shard's event generator carries between events: its random generator, its simulated clock, its
 * snowflake mint, its render buffer and its recent messages. The event families ({@link MessageEvents},
 * {@link MemberEvents}, ...) share it.
 *
 * <p>Not thread-safe: owned by one {@link EventGenerator}. The world it reaches is thread-safe.
 */
final class GeneratorContext {

    // collaborators
    final RandomGenerator rng;
    final UserDirectory users;
    final User bot;
    final RecentMessages recent = new RecentMessages();
    /** Users this generator created for joins; reused by later joins (see {@link MemberEvents#memberAdd}). */
    final List<Long> ownUsers = new ArrayList<>();

    // mutable state
    private final SnowflakeMint mint;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(2048);
    private final AtomicLong worldClock;
    private long clockMs;

    GeneratorContext(RandomGenerator rng, SnowflakeMint mint, UserDirectory users, User bot, AtomicLong worldClock) {
        this.rng = rng;
        this.mint = mint;
        this.users = users;
        this.bot = bot;
        this.worldClock = worldClock;
        this.clockMs = worldClock.get();
    }

    /**
     * Moves the world's simulated clock on by 1 to 4 ms and takes the new time for this event. Every event of
     * every generator gets a millisecond of its own, so ids minted in it are unique across generators, also
     * across generators for the same shard or for different shard counts.
     */
    void tick() {
        clockMs = worldClock.addAndGet(1 + rng.nextInt(4));
    }

    long now() {
        return clockMs;
    }

    /** A new message id; messages are not world state, so no uniqueness check is needed. */
    long newMessageId() {
        return mint.mint(clockMs);
    }

    /** A new user id not yet taken by any user of the world. */
    long newUserId() {
        long id = mint.mint(clockMs);
        while (users.find(id) != null) {
            id = mint.mint(clockMs);
        }
        return id;
    }

    /** A new id for a channel, thread, role or emoji, not yet used by any of those in the guild. */
    long newGuildEntityId(GuildState guild) {
        long id = mint.mint(clockMs);
        while (guild.channel(id) != null || guild.role(id) != null || guild.thread(id) != null || guild.hasEmoji(id)) {
            id = mint.mint(clockMs);
        }
        return id;
    }

    byte[] render(JsonOutput.Body body) {
        return JsonOutput.render(buffer, body);
    }

    /** A random member; avoids the bot (which rarely acts) unless it is the only member. */
    MemberState randomMember(GuildState guild) {
        int size = guild.members.size();
        MemberState member = guild.members.get(rng.nextInt(size));
        if (member.userId == bot.id() && size > 1) {
            member = guild.members.get((member.index + 1 + rng.nextInt(size - 1)) % size);
        }
        return member;
    }

    /** A random member other than the bot and the owner (whom events must not remove), or null. */
    @Nullable
    MemberState randomOrdinaryMember(GuildState guild) {
        MemberState member = randomMember(guild);
        return member.userId == bot.id() || member.userId == guild.ownerId ? null : member;
    }
}
