package io.flotilla.fake.world;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Builds the initial state of one guild: roles, a channel layout of categories, text and voice channels, a few
 * threads, emojis, stickers, soundboard sounds and members (with presence and voice state). Every choice comes
 * from the caller's random generator and every id from its {@link GenesisIds}, so the same inputs build the same guild.
 *
 * <p>Not thread-safe; used once per guild during {@link World#generate}.
 */
final class GuildBuilder {

    private static final int[] COLORS = {0, 0x1abc9c, 0x3498db, 0x9b59b6, 0xe91e63, 0xf1c40f, 0xe67e22, 0x2ecc71};
    private static final String[] LOCALES = {"en-US", "en-US", "en-GB", "de", "fr", "es-ES", "pt-BR", "ja"};

    // collaborators
    private final WorldOptions options;
    private final RandomGenerator rng;
    private final GenesisIds ids;
    private final User bot;

    // mutable state
    private long clockMs;

    GuildBuilder(WorldOptions options, RandomGenerator rng, GenesisIds ids, User bot) {
        this.options = options;
        this.rng = rng;
        this.ids = ids;
        this.bot = bot;
    }

    /** Builds the guild; {@code memberUserIds} are its human members (the bot joins on its own). */
    GuildState build(long guildId, long[] memberUserIds) {
        long createdMs = SnowflakeMint.timestampMs(guildId);
        clockMs = createdMs;
        long span = Math.max(1, IsoTime.WORLD_START_MS - createdMs - 86_400_000L);
        long joinedMs = createdMs + rng.nextLong(span / 2 + 1);
        long ownerId = memberUserIds.length > 0 ? memberUserIds[0] : bot.id();
        boolean community = rng.nextInt(3) == 0;
        GuildState guild = new GuildState(
                guildId,
                joinedMs,
                ownerId,
                Names.guild(rng),
                Names.pick(rng, LOCALES),
                community ? List.of("COMMUNITY", "NEWS", "INVITE_SPLASH") : List.of(),
                stickers(guildId),
                sounds(guildId));
        guild.icon = rng.nextInt(4) == 0 ? null : Names.imageHash(rng);
        guild.description = community ? "A place for " + guild.name : null;
        guild.verificationLevel = community ? 1 : rng.nextInt(3);
        guild.premiumSubscriptionCount = rng.nextInt(5) == 0 ? rng.nextInt(30) : 0;
        guild.premiumTier = Math.min(3, guild.premiumSubscriptionCount / 7);
        addRoles(guild);
        addChannels(guild, community);
        guild.emojis = emojis();
        addMembers(guild, joinedMs, memberUserIds, span);
        addThreads(guild);
        guild.capAtCurrentSize();
        return guild;
    }

    private long nextId() {
        clockMs += 1 + rng.nextInt(600_000);
        return ids.at(Math.min(clockMs, IsoTime.WORLD_START_MS - 1));
    }

    private void addRoles(GuildState guild) {
        int count = options.rolesPerGuild();
        guild.roles.add(new RoleState(guild.id, 0, "@everyone", 0, 0, RoleState.EVERYONE_PERMISSIONS));
        for (int i = 1; i < count - 1; i++) {
            long permissions = i == 1 ? RoleState.MODERATOR_PERMISSIONS : RoleState.EVERYONE_PERMISSIONS;
            RoleState role = new RoleState(
                    nextId(), 0, Names.role(rng, i - 1), COLORS[rng.nextInt(COLORS.length)], i, permissions);
            role.hoist = i <= 2;
            role.mentionable = rng.nextBoolean();
            guild.roles.add(role);
        }
        if (count > 1) {
            // The bot's integration role, as Discord creates it when a bot joins with permissions.
            guild.roles.add(new RoleState(nextId(), bot.id(), bot.username(), 0, count - 1, RoleState.ADMINISTRATOR));
        }
    }

    private void addChannels(GuildState guild, boolean community) {
        int total = options.channelsPerGuild();
        int categories = total >= 4 ? Math.max(1, total / 6) : 0;
        int voice = total >= 2 ? Math.max(1, (total - categories) / 4) : 0;
        int text = total - categories - voice;
        long[] categoryIds = new long[categories];
        for (int i = 0; i < categories; i++) {
            categoryIds[i] = nextId();
            guild.addChannel(new ChannelState(categoryIds[i], ChannelState.GUILD_CATEGORY, Names.category(i), i, 0));
        }
        for (int i = 0; i < text; i++) {
            boolean announcement = community && i == 1;
            int type = announcement ? ChannelState.GUILD_ANNOUNCEMENT : ChannelState.GUILD_TEXT;
            long parent = categories == 0 ? 0 : categoryIds[i % categories];
            ChannelState channel = new ChannelState(nextId(), type, Names.textChannel(rng, i), i, parent);
            channel.topic = rng.nextBoolean() ? Names.sentence(rng) : null;
            channel.rateLimitPerUser = rng.nextInt(8) == 0 ? 5 : 0;
            channel.nsfw = rng.nextInt(20) == 0;
            // Announcement channels are read-only for @everyone; @everyone is never deleted, so the overwrite
            // never dangles.
            channel.mutedRoleId = announcement ? guild.id : 0;
            guild.addChannel(channel);
        }
        for (int i = 0; i < voice; i++) {
            long parent = categories == 0 ? 0 : categoryIds[categories - 1];
            ChannelState channel =
                    new ChannelState(nextId(), ChannelState.GUILD_VOICE, Names.voiceChannel(i), i, parent);
            channel.voiceStatus = rng.nextInt(3) == 0 ? Names.sentence(rng) : null;
            guild.addChannel(channel);
        }
        guild.systemChannelId = guild.textChannels.get(0).id;
        guild.afkChannelId = voice > 1 ? guild.channels.get(guild.channels.size() - 1).id : 0;
        if (community && guild.textChannels.size() > 2) {
            guild.rulesChannelId = guild.textChannels.get(2).id;
            guild.publicUpdatesChannelId = guild.textChannels.get(1).id;
        }
    }

    private List<Emoji> emojis() {
        int count = rng.nextInt(6);
        List<Emoji> emojis = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            emojis.add(new Emoji(nextId(), Names.emoji(rng, i), rng.nextInt(4) == 0));
        }
        return emojis;
    }

    private List<Sticker> stickers(long guildId) {
        int count = rng.nextInt(3);
        List<Sticker> stickers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            stickers.add(new Sticker(nextId(), guildId, Names.emoji(rng, i)));
        }
        return stickers;
    }

    private List<SoundboardSound> sounds(long guildId) {
        int count = rng.nextInt(3);
        List<SoundboardSound> sounds = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            sounds.add(new SoundboardSound(nextId(), guildId, Names.emoji(rng, i), "🎺"));
        }
        return sounds;
    }

    private void addMembers(GuildState guild, long botJoinedMs, long[] userIds, long span) {
        MemberState self = new MemberState(bot.id(), botJoinedMs);
        RoleState botRole = guild.roles.get(guild.roles.size() - 1);
        if (botRole.managed()) {
            self.roles = new long[] {botRole.id};
        }
        self.status = PresenceStatus.ONLINE;
        guild.addMember(self);
        long createdMs = SnowflakeMint.timestampMs(guild.id);
        for (long userId : userIds) {
            MemberState member = new MemberState(userId, createdMs + rng.nextLong(span));
            member.randomize(guild, rng, createdMs + span);
            guild.addMember(member);
        }
    }

    private void addThreads(GuildState guild) {
        int count = guild.textChannels.size() / 3;
        for (int i = 0; i < count; i++) {
            ChannelState parent = guild.textChannels.get(i * 3);
            MemberState owner = guild.members.get(rng.nextInt(guild.members.size()));
            long createdMs = IsoTime.WORLD_START_MS - 1 - rng.nextInt(86_400_000);
            ChannelState thread = ChannelState.newThread(ids.at(createdMs), parent, owner.userId, createdMs, rng);
            thread.botJoinedMs = i == 0 ? createdMs + 1000 : 0;
            guild.addChannel(thread);
        }
    }
}
