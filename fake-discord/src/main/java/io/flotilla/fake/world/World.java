package io.flotilla.fake.world;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated Discord world: one bot user, guilds with channels, roles, emojis, threads, members and
 * users, all generated deterministically from {@link WorldOptions}.
 *
 * <p>Thread-safe: the server's shards read and change it from several threads at once. Each guild's state is
 * guarded on its own, so generators of different shards never wait for each other.
 *
 * <p>CONTRACT (fake-discord server code relies on exactly these signatures).
 */
public final class World {

    /** Builds the world for these options. */
    public static World generate(WorldOptions options) {
        throw new UnsupportedOperationException("not built yet");
    }

    public WorldOptions options() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** The bot's user id (a snowflake string). */
    public String botUserId() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** The bot's user object, as {@code GET /users/@me} and READY's {@code user} show it. */
    public byte[] botUserJson() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** The application id, for READY's {@code application: {id, flags}}. */
    public String applicationId() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Every guild id of the world, ascending. */
    public List<String> guildIds() {
        throw new UnsupportedOperationException("not built yet");
    }

    /** The guilds Discord routes to shard {@code [shardId, shardCount]}: {@code (id >>> 22) % shardCount == shardId}. */
    public List<String> guildIds(int shardId, int shardCount) {
        throw new UnsupportedOperationException("not built yet");
    }

    /**
     * The {@code d} of a GUILD_CREATE for this guild: the full guild with the GUILD_CREATE extras
     * ({@code joined_at, large, member_count, members, channels, threads, presences, voice_states, ...}), the
     * bot's own member always among {@code members}. Which members are included follows GATEWAY.md 11.1 for
     * the session's intents and large threshold. While the guild is in an outage: {@code {id, unavailable:
     * true}}.
     */
    public byte[] guildCreate(String guildId, int intents, int largeThreshold) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Starts an outage: the guild becomes unavailable. Returns the GUILD_DELETE {@code {id, unavailable:true}}. */
    public Dispatch startOutage(String guildId) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Ends an outage. Returns the GUILD_CREATE that announces the guild again (for all intents). */
    public Dispatch endOutage(String guildId, int intents, int largeThreshold) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** The {@code d} of each GUILD_MEMBERS_CHUNK answering the request: at most 1000 members a chunk. */
    public List<byte[]> requestMembers(MemberRequest request) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** The {@code d} of the SOUNDBOARD_SOUNDS answer for one guild (op 31). */
    public byte[] soundboardSounds(String guildId) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** The {@code d} of the CHANNEL_INFO answer for one guild (op 43). */
    public byte[] channelInfo(String guildId) {
        throw new UnsupportedOperationException("not built yet");
    }

    /**
     * A new event generator for the guilds of shard {@code [shardId, shardCount]}. Each call of its
     * {@link EventGenerator#next()} changes the world and returns the dispatch describing the change.
     */
    public EventGenerator events(int shardId, int shardCount) {
        throw new UnsupportedOperationException("not built yet");
    }

    // ---- the world's current state, for tests that compare a cache with it ----

    /**
     * The guild as a cache would hold it now: the guild object with {@code channels}, {@code roles},
     * {@code threads}, {@code emojis} and {@code stickers} embedded, without {@code members}, {@code presences}
     * or {@code voice_states}. Empty when the bot is not (or no longer) in the guild.
     */
    public Optional<ObjectNode> guild(String guildId) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** Every member of the guild now, by user id, each with its full {@code user} object. */
    public Map<String, ObjectNode> members(String guildId) {
        throw new UnsupportedOperationException("not built yet");
    }

    /** A user as it is now. */
    public Optional<ObjectNode> user(String userId) {
        throw new UnsupportedOperationException("not built yet");
    }
}
