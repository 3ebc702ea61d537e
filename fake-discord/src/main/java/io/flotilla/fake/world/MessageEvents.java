package io.flotilla.fake.world;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Message traffic (GATEWAY.md section 11.8): MESSAGE_CREATE, UPDATE, DELETE, DELETE_BULK, reactions, typing
 * and pins. Messages are not world state; they are remembered in the generator's {@link RecentMessages} so
 * later events refer to real ones. Each method returns the event's {@code d}, or null when the guild offers
 * nothing to act on. The caller holds the guild's lock.
 *
 * <p>Not thread-safe: owned by one {@link EventGenerator}.
 */
final class MessageEvents {

    private static final String[] REACTIONS = {"👍", "😂", "❤️", "🎉", "👀", "🔥"};

    private final GeneratorContext context;
    private final int[] bulkSlots = new int[5];

    MessageEvents(GeneratorContext context) {
        this.context = context;
    }

    byte[] create(GuildState guild) {
        return create(guild, null);
    }

    /**
     * A MESSAGE_CREATE by a random member in a random text channel of the guild, with {@code fixedText} as its
     * content, or a generated sentence (sometimes with a mention) when null. The random draws keep their order
     * either way, so a seeded world's traffic stays the same.
     */
    byte[] create(GuildState guild, @Nullable String fixedText) {
        ChannelState channel = guild.textChannels.get(context.rng.nextInt(guild.textChannels.size()));
        MemberState author = context.randomMember(guild);
        User user = context.users.get(author.userId);
        long id = context.newMessageId();
        MemberState mentioned = null;
        String text = fixedText;
        if (text == null) {
            String content = Names.sentence(context.rng);
            mentioned = context.rng.nextInt(10) == 0 ? context.randomMember(guild) : null;
            text = mentioned == null ? content : "<@" + Long.toUnsignedString(mentioned.userId) + "> " + content;
        }
        String nonce = context.rng.nextInt(4) == 0 ? null : Long.toUnsignedString(id - 1000);
        context.recent.add(id, channel.id, guild.id, author.userId, context.now(), text);
        String written = text;
        MemberState mention = mentioned;
        return context.render(g -> {
            g.writeStartObject();
            writeMessage(g, guild, channel, id, user, author, written, context.now(), 0, mention);
            if (nonce != null) {
                g.writeStringField("nonce", nonce);
            }
            g.writeEndObject();
        });
    }

    byte @Nullable [] update(GuildState guild, int slot) {
        RecentMessages recent = context.recent;
        ChannelState channel = guild.channel(recent.channelId(slot));
        if (channel == null) {
            return null;
        }
        User author = context.users.get(recent.authorId(slot));
        MemberState member = guild.membersById.get(author.id());
        String text = recent.content(slot) + " (edited)";
        long createdMs = recent.createdMs(slot);
        long id = recent.id(slot);
        return context.render(g -> {
            g.writeStartObject();
            writeMessage(g, guild, channel, id, author, member, text, createdMs, context.now(), null);
            g.writeEndObject();
        });
    }

    byte @Nullable [] delete(GuildState guild, int slot) {
        RecentMessages recent = context.recent;
        long id = recent.id(slot);
        long channelId = recent.channelId(slot);
        recent.remove(slot);
        return context.render(g -> {
            g.writeStartObject();
            JsonOutput.snowflake(g, "id", id);
            JsonOutput.snowflake(g, "channel_id", channelId);
            JsonOutput.snowflake(g, "guild_id", guild.id);
            g.writeEndObject();
        });
    }

    byte @Nullable [] deleteBulk(GuildState guild, int slot) {
        RecentMessages recent = context.recent;
        int count = recent.sameChannel(slot, bulkSlots);
        if (count < 2) {
            return null;
        }
        long channelId = recent.channelId(slot);
        long[] ids = new long[count];
        for (int i = 0; i < count; i++) {
            ids[i] = recent.id(bulkSlots[i]);
            recent.remove(bulkSlots[i]);
        }
        return context.render(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("ids");
            for (long id : ids) {
                g.writeString(Long.toUnsignedString(id));
            }
            g.writeEndArray();
            JsonOutput.snowflake(g, "channel_id", channelId);
            JsonOutput.snowflake(g, "guild_id", guild.id);
            g.writeEndObject();
        });
    }

    byte @Nullable [] reactionAdd(GuildState guild, int slot) {
        RecentMessages recent = context.recent;
        if (guild.channel(recent.channelId(slot)) == null) {
            return null;
        }
        MemberState reactor = context.randomMember(guild);
        User user = context.users.get(reactor.userId);
        Emoji custom = guild.emojis.isEmpty() || context.rng.nextBoolean()
                ? null
                : guild.emojis.get(context.rng.nextInt(guild.emojis.size()));
        String unicode = REACTIONS[context.rng.nextInt(REACTIONS.length)];
        return context.render(g -> {
            g.writeStartObject();
            JsonOutput.snowflake(g, "user_id", reactor.userId);
            JsonOutput.snowflake(g, "channel_id", recent.channelId(slot));
            JsonOutput.snowflake(g, "message_id", recent.id(slot));
            JsonOutput.snowflake(g, "guild_id", guild.id);
            g.writeFieldName("member");
            reactor.write(g, user);
            g.writeObjectFieldStart("emoji");
            if (custom == null) {
                g.writeNullField("id");
                g.writeStringField("name", unicode);
            } else {
                JsonOutput.snowflake(g, "id", custom.id());
                g.writeStringField("name", custom.name());
                g.writeBooleanField("animated", custom.animated());
            }
            g.writeEndObject();
            JsonOutput.snowflake(g, "message_author_id", recent.authorId(slot));
            g.writeBooleanField("burst", false);
            g.writeArrayFieldStart("burst_colors");
            g.writeEndArray();
            g.writeNumberField("type", 0);
            g.writeEndObject();
        });
    }

    byte[] typingStart(GuildState guild) {
        ChannelState channel = guild.textChannels.get(context.rng.nextInt(guild.textChannels.size()));
        MemberState typist = context.randomMember(guild);
        User user = context.users.get(typist.userId);
        return context.render(g -> {
            g.writeStartObject();
            JsonOutput.snowflake(g, "channel_id", channel.id);
            JsonOutput.snowflake(g, "guild_id", guild.id);
            JsonOutput.snowflake(g, "user_id", typist.userId);
            g.writeNumberField("timestamp", context.now() / 1000);
            g.writeFieldName("member");
            typist.write(g, user);
            g.writeEndObject();
        });
    }

    byte[] pinsUpdate(GuildState guild) {
        ChannelState channel = guild.textChannels.get(context.rng.nextInt(guild.textChannels.size()));
        return context.render(g -> {
            g.writeStartObject();
            JsonOutput.snowflake(g, "guild_id", guild.id);
            JsonOutput.snowflake(g, "channel_id", channel.id);
            g.writeStringField("last_pin_timestamp", IsoTime.of(context.now()));
            g.writeEndObject();
        });
    }

    /** The message fields of MESSAGE_CREATE/UPDATE (GATEWAY.md section 11.8); {@code editedMs} 0: never. */
    private void writeMessage(
            JsonGenerator g,
            GuildState guild,
            ChannelState channel,
            long id,
            User author,
            @Nullable MemberState member,
            String content,
            long createdMs,
            long editedMs,
            @Nullable MemberState mentioned)
            throws IOException {
        JsonOutput.snowflake(g, "id", id);
        g.writeNumberField("type", 0);
        JsonOutput.snowflake(g, "channel_id", channel.id);
        JsonOutput.snowflake(g, "guild_id", guild.id);
        g.writeFieldName("author");
        author.write(g);
        if (member != null) {
            // The author's member is partial: no user, the author field has it (GATEWAY.md section 11.8).
            g.writeFieldName("member");
            member.write(g, null);
        }
        g.writeStringField("content", content);
        g.writeStringField("timestamp", IsoTime.of(createdMs));
        JsonOutput.timeOrNull(g, "edited_timestamp", editedMs);
        g.writeBooleanField("tts", false);
        g.writeBooleanField("mention_everyone", false);
        g.writeArrayFieldStart("mentions");
        if (mentioned != null) {
            g.writeStartObject();
            context.users.get(mentioned.userId).writeFields(g);
            g.writeFieldName("member");
            mentioned.write(g, null);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("mention_roles");
        g.writeEndArray();
        g.writeArrayFieldStart("attachments");
        g.writeEndArray();
        g.writeArrayFieldStart("embeds");
        g.writeEndArray();
        g.writeBooleanField("pinned", false);
        g.writeNumberField("flags", 0);
        g.writeArrayFieldStart("components");
        g.writeEndArray();
        g.writeNumberField("channel_type", channel.type);
    }
}
