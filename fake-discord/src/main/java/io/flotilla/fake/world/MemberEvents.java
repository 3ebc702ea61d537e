package io.flotilla.fake.world;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Member traffic (GATEWAY.md sections 11.6, 11.7 and 11.10): joins, leaves, member updates, presence updates
 * and voice state changes. Each method changes the guild (and for user changes the global
 * {@link UserDirectory}) and returns the event's {@code d}, or null when the guild offers nothing to act on.
 * The bot's own member never changes here, and the owner never leaves. The caller holds the guild's lock.
 *
 * <p>Not thread-safe: owned by one {@link EventGenerator}.
 */
final class MemberEvents {

    private final GeneratorContext context;

    MemberEvents(GeneratorContext context) {
        this.context = context;
    }

    /** A status or activity change; one in ten also renames the user (its partial user then has a username). */
    byte @Nullable [] presenceUpdate(GuildState guild) {
        MemberState member = human(guild);
        if (member == null) {
            return null;
        }
        PresenceStatus[] statuses = PresenceStatus.values();
        member.status = statuses[context.rng.nextInt(statuses.length)];
        boolean playing = member.status.online() && context.rng.nextInt(3) == 0;
        member.activity = playing ? Names.displayName(context.rng) : null;
        member.activityStartMs = playing ? context.now() : 0;
        String renamed = null;
        if (context.rng.nextInt(10) == 0) {
            String username = Names.username(context.rng, context.rng.nextInt(1_000_000));
            renamed = context.users
                    .update(member.userId, user -> user.withUsername(username))
                    .username();
        }
        String partialName = renamed;
        return context.render(g -> member.writePresence(g, guild.id, partialName));
    }

    /** A role added or removed, a nickname set or cleared, or the user's profile changed. */
    byte @Nullable [] memberUpdate(GuildState guild) {
        MemberState member = human(guild);
        if (member == null) {
            return null;
        }
        switch (context.rng.nextInt(4)) {
            case 0 -> addRole(guild, member);
            case 1 -> removeRole(member);
            case 2 -> member.nick = member.nick == null ? Names.nick(context.rng) : null;
            default -> {
                String globalName = context.rng.nextInt(5) == 0 ? null : Names.displayName(context.rng);
                String avatar = Names.imageHash(context.rng);
                context.users.update(member.userId, user -> user.withProfile(globalName, avatar));
            }
        }
        return withGuildId(guild, member);
    }

    /**
     * Someone joins: a known user who is not a member yet (from the world's pool or one this generator made),
     * or, after a few misses, a brand-new user. Reusing users keeps the world's size bounded on long runs.
     */
    byte @Nullable [] memberAdd(GuildState guild) {
        if (guild.members.size() >= guild.memberCap) {
            return null;
        }
        long userId = knownUserOutside(guild);
        if (userId == 0) {
            userId = context.newUserId();
            context.users.add(UserDirectory.randomUser(userId, context.rng, context.rng.nextInt(1_000_000)));
            context.ownUsers.add(userId);
        }
        MemberState member = new MemberState(userId, context.now());
        member.status = PresenceStatus.ONLINE;
        guild.addMember(member);
        return withGuildId(guild, member);
    }

    /** Someone leaves (or is kicked): never the bot or the owner. The user stays in the world. */
    byte @Nullable [] memberRemove(GuildState guild) {
        MemberState member = context.randomOrdinaryMember(guild);
        if (member == null) {
            return null;
        }
        guild.removeMember(member);
        User user = context.users.get(member.userId);
        return context.render(g -> {
            g.writeStartObject();
            JsonOutput.snowflake(g, "guild_id", guild.id);
            g.writeFieldName("user");
            user.write(g);
            g.writeEndObject();
        });
    }

    /** Someone joins a voice channel, moves, toggles self-mute, or leaves. */
    byte @Nullable [] voiceStateUpdate(GuildState guild) {
        ChannelState channel = randomVoiceChannel(guild);
        MemberState member = human(guild);
        if (channel == null || member == null) {
            return null;
        }
        User user = context.users.get(member.userId);
        if (member.voiceChannelId == 0) {
            member.joinVoice(channel.id, context.rng, context.now());
        } else if (context.rng.nextBoolean()) {
            // Leaving: the event still names the session that ends, then the state is cleared.
            member.voiceChannelId = 0;
            byte[] data = context.render(g -> member.writeVoiceState(g, guild.id, user));
            member.leaveVoice();
            return data;
        } else if (channel.id != member.voiceChannelId) {
            member.voiceChannelId = channel.id;
        } else {
            member.selfMute = !member.selfMute;
        }
        return context.render(g -> member.writeVoiceState(g, guild.id, user));
    }

    private byte[] withGuildId(GuildState guild, MemberState member) {
        User user = context.users.get(member.userId);
        return context.render(g -> {
            g.writeStartObject();
            JsonOutput.snowflake(g, "guild_id", guild.id);
            member.writeFields(g, user);
            g.writeEndObject();
        });
    }

    private void addRole(GuildState guild, MemberState member) {
        RoleState role = guild.roles.get(context.rng.nextInt(guild.roles.size()));
        if (role.id == guild.id || role.managed() || member.hasRole(role.id)) {
            return;
        }
        long[] roles = Arrays.copyOf(member.roles, member.roles.length + 1);
        roles[roles.length - 1] = role.id;
        member.roles = roles;
    }

    private void removeRole(MemberState member) {
        if (member.roles.length == 0) {
            return;
        }
        int drop = context.rng.nextInt(member.roles.length);
        long[] roles = new long[member.roles.length - 1];
        for (int i = 0, j = 0; i < member.roles.length; i++) {
            if (i != drop) {
                roles[j++] = member.roles[i];
            }
        }
        member.roles = roles;
    }

    /** A member other than the bot, or null when the bot is alone. */
    private @Nullable MemberState human(GuildState guild) {
        MemberState member = context.randomMember(guild);
        return member.userId == context.bot.id() ? null : member;
    }

    /** A known user who is not a member of the guild, or 0 after a few misses. */
    private long knownUserOutside(GuildState guild) {
        int pool = context.users.poolSize();
        int known = pool + context.ownUsers.size();
        for (int attempt = 0; known > 0 && attempt < 3; attempt++) {
            int pick = context.rng.nextInt(known);
            long candidate = pick < pool ? context.users.poolUser(pick) : context.ownUsers.get(pick - pool);
            if (!guild.membersById.containsKey(candidate)) {
                return candidate;
            }
        }
        return 0;
    }

    private @Nullable ChannelState randomVoiceChannel(GuildState guild) {
        int voice = 0;
        for (ChannelState channel : guild.channels) {
            voice += channel.isVoice() ? 1 : 0;
        }
        if (voice == 0) {
            return null;
        }
        int pick = context.rng.nextInt(voice);
        for (ChannelState channel : guild.channels) {
            if (channel.isVoice() && pick-- == 0) {
                return channel;
            }
        }
        return null;
    }
}
