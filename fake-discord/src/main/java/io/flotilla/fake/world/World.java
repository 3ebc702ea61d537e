package io.flotilla.fake.world;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

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

    // settings
    private final WorldOptions options;
    private final User bot;
    private final byte[] botJson;

    // collaborators, each thread-safe on its own
    private final UserDirectory users;
    private final Map<Long, GuildState> guilds;
    private final List<GuildState> guildsById;
    private final List<String> guildIds;
    /** The simulated time of the latest event, shared by every generator (see {@link GeneratorContext#tick}). */
    private final AtomicLong clock = new AtomicLong(IsoTime.WORLD_START_MS);

    private World(WorldOptions options, User bot, UserDirectory users, List<GuildState> guildsById) {
        this.options = options;
        this.bot = bot;
        this.botJson = JsonOutput.render(g -> BotUser.write(g, bot));
        this.users = users;
        this.guildsById = List.copyOf(guildsById);
        Map<Long, GuildState> byId = new HashMap<>(guildsById.size() * 2);
        List<String> ids = new ArrayList<>(guildsById.size());
        for (GuildState guild : guildsById) {
            byId.put(guild.id, guild);
            ids.add(Long.toUnsignedString(guild.id));
        }
        this.guilds = Collections.unmodifiableMap(byId);
        this.guildIds = List.copyOf(ids);
    }

    /** Builds the world for these options. */
    public static World generate(WorldOptions options) {
        return new WorldGenesis(options).generate(World::new);
    }

    /** Creates the world from its generated parts; used only by {@link WorldGenesis}. */
    @FunctionalInterface
    interface Assembly {
        World assemble(WorldOptions options, User bot, UserDirectory users, List<GuildState> guildsById);
    }

    public WorldOptions options() {
        return options;
    }

    /** The bot's user id (a snowflake string). */
    public String botUserId() {
        return Long.toUnsignedString(bot.id());
    }

    /** The bot's user object, as {@code GET /users/@me} and READY's {@code user} show it. */
    public byte[] botUserJson() {
        return botJson.clone();
    }

    /** The application id, for READY's {@code application: {id, flags}}; like newer apps, it equals the bot id. */
    public String applicationId() {
        return botUserId();
    }

    /** Every guild id of the world, ascending. */
    public List<String> guildIds() {
        return guildIds;
    }

    /** The guilds Discord routes to shard {@code [shardId, shardCount]}: {@code (id >>> 22) % shardCount == shardId}. */
    public List<String> guildIds(int shardId, int shardCount) {
        List<String> ids = new ArrayList<>();
        for (GuildState guild : guildsOf(shardId, shardCount)) {
            ids.add(Long.toUnsignedString(guild.id));
        }
        return ids;
    }

    /**
     * The {@code d} of a GUILD_CREATE for this guild: the full guild with the GUILD_CREATE extras
     * ({@code joined_at, large, member_count, members, channels, threads, presences, voice_states, ...}), the
     * bot's own member always among {@code members}. Which members are included follows GATEWAY.md 11.1 for
     * the session's intents and large threshold. While the guild is in an outage: {@code {id, unavailable:
     * true}}.
     *
     * @throws IllegalArgumentException when the guild is not part of this world
     */
    public byte[] guildCreate(String guildId, int intents, int largeThreshold) {
        GuildState guild = require(guildId);
        guild.lock.lock();
        try {
            return JsonOutput.render(g -> GuildCreate.write(g, guild, users, bot.id(), intents, largeThreshold));
        } finally {
            guild.lock.unlock();
        }
    }

    /** Starts an outage: the guild becomes unavailable. Returns the GUILD_DELETE {@code {id, unavailable:true}}. */
    public Dispatch startOutage(String guildId) {
        GuildState guild = require(guildId);
        guild.lock.lock();
        try {
            guild.unavailable = true;
        } finally {
            guild.lock.unlock();
        }
        byte[] data = JsonOutput.render(g -> {
            g.writeStartObject();
            JsonOutput.snowflake(g, "id", guild.id);
            g.writeBooleanField("unavailable", true);
            g.writeEndObject();
        });
        return new Dispatch("GUILD_DELETE", data, EventKind.GUILDS);
    }

    /** Ends an outage. Returns the GUILD_CREATE that announces the guild again (for all intents). */
    public Dispatch endOutage(String guildId, int intents, int largeThreshold) {
        GuildState guild = require(guildId);
        guild.lock.lock();
        try {
            guild.unavailable = false;
            byte[] data = JsonOutput.render(g -> GuildCreate.write(g, guild, users, bot.id(), intents, largeThreshold));
            return new Dispatch("GUILD_CREATE", data, EventKind.GUILDS);
        } finally {
            guild.lock.unlock();
        }
    }

    /**
     * The {@code d} of each GUILD_MEMBERS_CHUNK answering the request: at most 1000 members a chunk. A guild
     * this world does not know gets no chunks at all (Discord ignores such requests).
     */
    public List<byte[]> requestMembers(MemberRequest request) {
        GuildState guild = findQuietly(request.guildId());
        if (guild == null) {
            return List.of();
        }
        guild.lock.lock();
        try {
            return MemberChunks.answer(guild, users, request);
        } finally {
            guild.lock.unlock();
        }
    }

    /**
     * The {@code d} of the SOUNDBOARD_SOUNDS answer for one guild (op 31). A guild this world does not know
     * gets an empty list, since it comes from a client's request.
     */
    public byte[] soundboardSounds(String guildId) {
        GuildState guild = findQuietly(guildId);
        if (guild == null) {
            return emptyAnswer(guildId, "soundboard_sounds");
        }
        // The sounds never change, so no lock is needed.
        return JsonOutput.render(g -> SoundboardSound.writeAnswer(g, guild.id, guild.sounds));
    }

    /**
     * The {@code d} of the CHANNEL_INFO answer for one guild (op 43): each voice channel with its
     * {@code status} and {@code voice_start_time} when set. A guild this world does not know gets an empty list.
     */
    public byte[] channelInfo(String guildId) {
        GuildState guild = findQuietly(guildId);
        if (guild == null) {
            return emptyAnswer(guildId, "channels");
        }
        guild.lock.lock();
        try {
            return JsonOutput.render(g -> VoiceChannelInfo.write(g, guild));
        } finally {
            guild.lock.unlock();
        }
    }

    /**
     * A new event generator for the guilds of shard {@code [shardId, shardCount]}. Each call of its
     * {@link EventGenerator#next()} changes the world and returns the dispatch describing the change.
     */
    public EventGenerator events(int shardId, int shardCount) {
        return new EventGenerator(this, shardId, shardCount, guildsOf(shardId, shardCount));
    }

    // ---- the world's current state, for tests that compare a cache with it ----

    /**
     * The guild as a cache would hold it now: the guild object with {@code channels}, {@code roles},
     * {@code threads}, {@code emojis} and {@code stickers} embedded, without {@code members}, {@code presences}
     * or {@code voice_states}. Empty when the bot is not (or no longer) in the guild.
     *
     * <p>Exactly the plain guild object of GUILD_UPDATE plus {@code channels} and {@code threads}, each with
     * {@code guild_id} filled in from the parent (GATEWAY.md section 11.1). None of the other GUILD_CREATE
     * extras ({@code joined_at, large, member_count, unavailable, ...}) and no {@code newly_created} flags.
     * Kept during an outage, as a cache keeps it.
     */
    public Optional<ObjectNode> guild(String guildId) {
        GuildState guild = find(guildId);
        if (guild == null) {
            return Optional.empty();
        }
        return Optional.of(Snapshots.guild(guild));
    }

    /** Every member of the guild now, by user id, each with its full {@code user} object. */
    public Map<String, ObjectNode> members(String guildId) {
        GuildState guild = find(guildId);
        if (guild == null) {
            return Map.of();
        }
        return Snapshots.members(guild, users);
    }

    /** A user as it is now. */
    public Optional<ObjectNode> user(String userId) {
        User user = users.find(parseId(userId));
        return user == null ? Optional.empty() : Optional.of(JsonOutput.tree(JsonOutput.render(user::write)));
    }

    // ---- for the package ----

    User bot() {
        return bot;
    }

    UserDirectory users() {
        return users;
    }

    AtomicLong clock() {
        return clock;
    }

    /** The guilds of one shard, ascending by id. */
    List<GuildState> guildsOf(int shardId, int shardCount) {
        if (shardCount < 1 || shardId < 0 || shardId >= shardCount) {
            throw new IllegalArgumentException(
                    "shard [" + shardId + ", " + shardCount + "] is invalid: need 0 <= shardId < shardCount");
        }
        List<GuildState> routed = new ArrayList<>();
        for (GuildState guild : guildsById) {
            if (SnowflakeMint.shardOf(guild.id, shardCount) == shardId) {
                routed.add(guild);
            }
        }
        return routed;
    }

    private @Nullable GuildState find(String guildId) {
        return guilds.get(parseId(guildId));
    }

    /** Like {@link #find} but also null for a malformed id: a client's request must not throw in the server. */
    private @Nullable GuildState findQuietly(String guildId) {
        try {
            return find(guildId);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** An answer about a guild this world does not know: the id echoed, the list empty. */
    private static byte[] emptyAnswer(String guildId, String listField) {
        return JsonOutput.render(g -> {
            g.writeStartObject();
            g.writeStringField("guild_id", guildId);
            g.writeArrayFieldStart(listField);
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private GuildState require(String guildId) {
        GuildState guild = find(guildId);
        if (guild == null) {
            throw new IllegalArgumentException(
                    "guild " + guildId + " is not part of this world; use one of guildIds()");
        }
        return guild;
    }

    private static long parseId(String id) {
        try {
            return Long.parseUnsignedLong(id);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + id + "' is not a snowflake (an unsigned 64-bit decimal)", e);
        }
    }
}
