package io.flotilla.fake.world;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Produces a realistic stream of events for the guilds of one shard: mostly MESSAGE_CREATE, with a mix of
 * typing, reactions, message updates and deletes, presence, member, role, channel, thread and guild changes,
 * each consistent with the world it changes (a removed member is gone, a message's channel exists).
 *
 * <p>Every change is applied to the world when its event is made, so a client that applies each event
 * literally ends at {@link World#guild}, {@link World#members} and {@link World#user}. Guilds in an outage get
 * no events; a shard with no available guild has none to give ({@link #hasGuilds()} says so, {@link #next()}
 * then throws).
 *
 * <p>Reproducible: the choices come from a random generator seeded with (seed, shardId, shardCount), so the
 * same world driven the same way gives the same bytes. Generators running at once share the world's users and
 * its simulated clock, so their interleaving shows in timestamps, ids and user fields; two generators whose
 * shards share guilds (different shard counts) also see each other's changes.
 *
 * <p>Not thread-safe: one per shard, driven by one thread at a time. The world it changes is thread-safe.
 *
 * <p>CONTRACT (fake-discord server code relies on exactly this signature).
 */
public final class EventGenerator {

    // settings
    private final String shard;
    private final List<GuildState> guilds;

    // collaborators
    private final GeneratorContext context;
    private final MessageEvents messages;
    private final MemberEvents members;
    private final ChannelEvents channels;
    private final ThreadEvents threads;
    private final GuildEvents guildChanges;

    EventGenerator(World world, int shardId, int shardCount, List<GuildState> guilds) {
        this.shard = "[" + shardId + ", " + shardCount + "]";
        this.guilds = List.copyOf(guilds);
        // Generators mint with their own worker bits, distinct for every shard of one shard count.
        int worker = SnowflakeMint.FIRST_GENERATOR_WORKER
                + (int) ((shardId + 13L * shardCount) % (1024 - SnowflakeMint.FIRST_GENERATOR_WORKER));
        this.context = new GeneratorContext(
                Seeds.random(world.options().seed(), shardId, shardCount),
                new SnowflakeMint(worker),
                world.users(),
                world.bot(),
                world.clock());
        this.messages = new MessageEvents(context);
        this.members = new MemberEvents(context);
        this.channels = new ChannelEvents(context);
        this.threads = new ThreadEvents(context);
        this.guildChanges = new GuildEvents(context);
    }

    /**
     * Whether the shard has a guild to make events about: at least one guild, not all of them in an outage.
     * The server calls this before {@link #next()}.
     */
    public boolean hasGuilds() {
        for (GuildState guild : guilds) {
            guild.lock.lock();
            try {
                if (!guild.unavailable) {
                    return true;
                }
            } finally {
                guild.lock.unlock();
            }
        }
        return false;
    }

    /**
     * Changes the world once and returns the dispatch that describes the change.
     *
     * @throws IllegalStateException when the shard has no guild to make an event about (see {@link #hasGuilds()})
     */
    public Dispatch next() {
        context.tick();
        EventKind kind = EventKind.pick(context.rng.nextInt(EventKind.TOTAL_WEIGHT));
        int slot = kind.refersToMessage() ? context.recent.randomSlot(context.rng) : -1;
        GuildState preferred = slot < 0 ? null : guildById(context.recent.guildId(slot));
        if (preferred != null) {
            Dispatch dispatch = tryIn(preferred, kind, slot);
            if (dispatch != null) {
                return dispatch;
            }
        }
        if (kind.refersToMessage()) {
            kind = EventKind.MESSAGE_CREATE;
        }
        int start = guilds.isEmpty() ? 0 : context.rng.nextInt(guilds.size());
        for (int i = 0; i < guilds.size(); i++) {
            Dispatch dispatch = tryIn(guilds.get((start + i) % guilds.size()), kind, -1);
            if (dispatch != null) {
                return dispatch;
            }
        }
        throw new IllegalStateException(
                "shard " + shard + " has " + guilds.size()
                        + " guilds and none is available (none routed here, or all in an outage); check hasGuilds() before next()");
    }

    /**
     * A MESSAGE_CREATE with the given text in an available guild of the shard (a test's "user types !ping").
     *
     * @throws IllegalStateException when the shard has no guild to make an event about (see {@link #hasGuilds()})
     */
    public Dispatch message(String text) {
        context.tick();
        for (GuildState guild : guilds) {
            guild.lock.lock();
            try {
                if (!guild.unavailable) {
                    return new Dispatch(
                            EventKind.MESSAGE_CREATE.name(),
                            messages.create(guild, text),
                            EventKind.MESSAGE_CREATE.intents());
                }
            } finally {
                guild.lock.unlock();
            }
        }
        throw new IllegalStateException("shard " + shard + " has no available guild to post a message in");
    }

    /** Makes the event in this guild, falling back to MESSAGE_CREATE; null when the guild is in an outage. */
    private @Nullable Dispatch tryIn(GuildState guild, EventKind kind, int slot) {
        guild.lock.lock();
        try {
            if (guild.unavailable) {
                return null;
            }
            byte[] data = make(guild, kind, slot);
            if (data == null) {
                kind = EventKind.MESSAGE_CREATE;
                data = messages.create(guild);
            }
            return new Dispatch(kind.name(), data, kind.intents());
        } finally {
            guild.lock.unlock();
        }
    }

    private byte @Nullable [] make(GuildState guild, EventKind kind, int slot) {
        return switch (kind) {
            case MESSAGE_CREATE -> messages.create(guild);
            case TYPING_START -> messages.typingStart(guild);
            case CHANNEL_PINS_UPDATE -> messages.pinsUpdate(guild);
            case MESSAGE_UPDATE -> slot < 0 ? null : messages.update(guild, slot);
            case MESSAGE_DELETE -> slot < 0 ? null : messages.delete(guild, slot);
            case MESSAGE_DELETE_BULK -> slot < 0 ? null : messages.deleteBulk(guild, slot);
            case MESSAGE_REACTION_ADD -> slot < 0 ? null : messages.reactionAdd(guild, slot);
            case PRESENCE_UPDATE -> members.presenceUpdate(guild);
            case GUILD_MEMBER_UPDATE -> members.memberUpdate(guild);
            case GUILD_MEMBER_ADD -> members.memberAdd(guild);
            case GUILD_MEMBER_REMOVE -> members.memberRemove(guild);
            case VOICE_STATE_UPDATE -> members.voiceStateUpdate(guild);
            case CHANNEL_CREATE -> channels.create(guild);
            case CHANNEL_UPDATE -> channels.update(guild);
            case CHANNEL_DELETE -> channels.delete(guild);
            case THREAD_CREATE -> threads.create(guild);
            case THREAD_UPDATE -> threads.update(guild);
            case THREAD_DELETE -> threads.delete(guild);
            case GUILD_UPDATE -> guildChanges.guildUpdate(guild);
            case GUILD_ROLE_CREATE -> guildChanges.roleCreate(guild);
            case GUILD_ROLE_UPDATE -> guildChanges.roleUpdate(guild);
            case GUILD_ROLE_DELETE -> guildChanges.roleDelete(guild);
            case GUILD_EMOJIS_UPDATE -> guildChanges.emojisUpdate(guild);
        };
    }

    private @Nullable GuildState guildById(long guildId) {
        for (GuildState guild : guilds) {
            if (guild.id == guildId) {
                return guild;
            }
        }
        return null;
    }
}
