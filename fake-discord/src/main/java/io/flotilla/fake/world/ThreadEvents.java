package io.flotilla.fake.world;

import org.jspecify.annotations.Nullable;

/**
 * Thread traffic (GATEWAY.md section 11.4): THREAD_CREATE (a new public thread, {@code newly_created: true}),
 * THREAD_UPDATE (the full thread) and THREAD_DELETE ({@code {id, guild_id, parent_id, type}}). Threads only
 * hang off plain text channels. The caller holds the guild's lock.
 *
 * <p>Not thread-safe: owned by one {@link EventGenerator}.
 */
final class ThreadEvents {

    private final GeneratorContext context;

    ThreadEvents(GeneratorContext context) {
        this.context = context;
    }

    byte @Nullable [] create(GuildState guild) {
        ChannelState parent = guild.textChannels.get(context.rng.nextInt(guild.textChannels.size()));
        if (guild.threads.size() >= guild.threadCap || parent.type != ChannelState.GUILD_TEXT) {
            return null;
        }
        MemberState owner = context.randomMember(guild);
        ChannelState thread = ChannelState.newThread(
                context.newGuildEntityId(guild), parent, owner.userId, context.now(), context.rng);
        thread.messageCount = 0;
        thread.memberCount = 1;
        guild.addChannel(thread);
        return context.render(g -> thread.write(g, guild.id, true));
    }

    byte @Nullable [] update(GuildState guild) {
        if (guild.threads.isEmpty()) {
            return null;
        }
        ChannelState thread = guild.threads.get(context.rng.nextInt(guild.threads.size()));
        switch (context.rng.nextInt(3)) {
            case 0 -> thread.name = Names.thread(context.rng);
            case 1 -> thread.rateLimitPerUser = thread.rateLimitPerUser == 0 ? 30 : 0;
            default -> {
                thread.messageCount += 1 + context.rng.nextInt(5);
                thread.memberCount = Math.min(50, thread.memberCount + context.rng.nextInt(2));
            }
        }
        return context.render(g -> thread.write(g, guild.id, false));
    }

    byte @Nullable [] delete(GuildState guild) {
        if (guild.threads.isEmpty()) {
            return null;
        }
        ChannelState thread = guild.threads.get(context.rng.nextInt(guild.threads.size()));
        guild.removeChannel(thread);
        return context.render(g -> {
            g.writeStartObject();
            JsonOutput.snowflake(g, "id", thread.id);
            JsonOutput.snowflake(g, "guild_id", guild.id);
            JsonOutput.snowflake(g, "parent_id", thread.parentId);
            g.writeNumberField("type", thread.type);
            g.writeEndObject();
        });
    }
}
