package io.flotilla.fake.world;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Channel traffic (GATEWAY.md section 11.3): CHANNEL_CREATE, CHANNEL_UPDATE and CHANNEL_DELETE, each carrying
 * the full channel with its {@code guild_id}. Deletes spare channels something else points at (the guild's
 * system, AFK, rules and updates channels, a thread's parent, an occupied voice channel, a category, the last
 * text channel), so no event ever leaves a dangling reference. The caller holds the guild's lock.
 *
 * <p>Not thread-safe: owned by one {@link EventGenerator}.
 */
final class ChannelEvents {

    private final GeneratorContext context;

    ChannelEvents(GeneratorContext context) {
        this.context = context;
    }

    byte @Nullable [] create(GuildState guild) {
        if (guild.channels.size() >= guild.channelCap) {
            return null;
        }
        boolean text = context.rng.nextInt(4) != 0;
        int type = text ? ChannelState.GUILD_TEXT : ChannelState.GUILD_VOICE;
        long parentId = randomCategory(guild);
        int position = 0;
        for (ChannelState other : guild.channels) {
            position += other.type == type && other.parentId == parentId ? 1 : 0;
        }
        String name = text
                ? Names.textChannel(context.rng, 100 + context.rng.nextInt(900))
                : Names.voiceChannel(position + context.rng.nextInt(50));
        ChannelState channel = new ChannelState(context.newGuildEntityId(guild), type, name, position, parentId);
        guild.addChannel(channel);
        return context.render(g -> channel.write(g, guild.id, false));
    }

    byte[] update(GuildState guild) {
        ChannelState channel = guild.channels.get(context.rng.nextInt(guild.channels.size()));
        int change = context.rng.nextInt(3);
        if (channel.isText() && change == 0) {
            channel.topic = context.rng.nextBoolean() ? Names.sentence(context.rng) : null;
        } else if (channel.isText() && change == 1) {
            channel.rateLimitPerUser = channel.rateLimitPerUser == 0 ? 10 : 0;
        } else if (channel.type != ChannelState.GUILD_CATEGORY && change == 1) {
            channel.nsfw = !channel.nsfw;
        } else {
            channel.name = channel.isVoice()
                    ? Names.voiceChannel(context.rng.nextInt(50))
                    : Names.textChannel(context.rng, 100 + context.rng.nextInt(900));
        }
        return context.render(g -> channel.write(g, guild.id, false));
    }

    byte @Nullable [] delete(GuildState guild) {
        Set<Long> occupied = new HashSet<>();
        for (MemberState member : guild.members) {
            if (member.voiceChannelId != 0) {
                occupied.add(member.voiceChannelId);
            }
        }
        List<ChannelState> candidates = new ArrayList<>();
        for (ChannelState channel : guild.channels) {
            if (!occupied.contains(channel.id) && deletable(guild, channel)) {
                candidates.add(channel);
            }
        }
        if (candidates.isEmpty()) {
            return null;
        }
        ChannelState channel = candidates.get(context.rng.nextInt(candidates.size()));
        byte[] data = context.render(g -> channel.write(g, guild.id, false));
        guild.removeChannel(channel);
        return data;
    }

    private static boolean deletable(GuildState guild, ChannelState channel) {
        if (channel.type == ChannelState.GUILD_CATEGORY
                || channel.id == guild.systemChannelId
                || channel.id == guild.afkChannelId
                || channel.id == guild.rulesChannelId
                || channel.id == guild.publicUpdatesChannelId
                || (channel.isText() && guild.textChannels.size() <= 1)) {
            return false;
        }
        for (ChannelState thread : guild.threads) {
            if (thread.parentId == channel.id) {
                return false;
            }
        }
        return true;
    }

    private long randomCategory(GuildState guild) {
        List<ChannelState> categories = new ArrayList<>();
        for (ChannelState channel : guild.channels) {
            if (channel.type == ChannelState.GUILD_CATEGORY) {
                categories.add(channel);
            }
        }
        return categories.isEmpty() ? 0 : categories.get(context.rng.nextInt(categories.size())).id;
    }
}
