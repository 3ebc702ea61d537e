package io.flotilla.fake.world;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The whole state of one guild: settings, roles, channels, threads, emojis and members (with their presence
 * and voice state), and whether it is in an outage.
 *
 * <p>Owned by the {@link World}. Every field and collection is guarded by {@link #lock}: the event generator
 * of the guild's shard, the server's GUILD_CREATE and member requests, and snapshot readers all take it, so
 * different guilds never contend.
 */
final class GuildState {

    // identity
    final long id;
    final long joinedMs;
    final ReentrantLock lock = new ReentrantLock();

    // settings that never change
    final List<Sticker> stickers;
    final List<SoundboardSound> sounds;
    final List<String> features;
    final long ownerId;
    final String preferredLocale;

    // mutable state, guarded by lock
    String name;

    @Nullable
    String icon;

    @Nullable
    String description;

    int afkTimeout = 300;
    int verificationLevel;
    int premiumTier;
    int premiumSubscriptionCount;
    long afkChannelId;
    long systemChannelId;
    long rulesChannelId;
    long publicUpdatesChannelId;
    boolean unavailable;
    // Caps that keep a long event stream near the generated size (creates outnumber deletes in the mix).
    int channelCap;
    int threadCap;
    int roleCap;
    int memberCap;
    final ArrayList<RoleState> roles = new ArrayList<>();
    final ArrayList<ChannelState> channels = new ArrayList<>();
    final ArrayList<ChannelState> threads = new ArrayList<>();
    final ArrayList<ChannelState> textChannels = new ArrayList<>();
    List<Emoji> emojis = List.of();
    final ArrayList<MemberState> members = new ArrayList<>();
    final HashMap<Long, MemberState> membersById = new HashMap<>();

    GuildState(
            long id,
            long joinedMs,
            long ownerId,
            String name,
            String preferredLocale,
            List<String> features,
            List<Sticker> stickers,
            List<SoundboardSound> sounds) {
        this.id = id;
        this.joinedMs = joinedMs;
        this.ownerId = ownerId;
        this.name = name;
        this.preferredLocale = preferredLocale;
        this.features = List.copyOf(features);
        this.stickers = List.copyOf(stickers);
        this.sounds = List.copyOf(sounds);
    }

    /** Fixes the caps from the generated size: a little room to grow, no more. */
    void capAtCurrentSize() {
        channelCap = channels.size() + 5;
        threadCap = threads.size() + 5;
        roleCap = roles.size() + 5;
        memberCap = members.size() + Math.max(5, members.size() / 10);
    }

    void addMember(MemberState member) {
        member.index = members.size();
        members.add(member);
        membersById.put(member.userId, member);
    }

    void removeMember(MemberState member) {
        MemberState last = members.remove(members.size() - 1);
        if (last != member) {
            members.set(member.index, last);
            last.index = member.index;
        }
        membersById.remove(member.userId);
    }

    void addChannel(ChannelState channel) {
        if (channel.isThread()) {
            threads.add(channel);
            return;
        }
        channels.add(channel);
        if (channel.isText()) {
            textChannels.add(channel);
        }
    }

    void removeChannel(ChannelState channel) {
        if (channel.isThread()) {
            threads.remove(channel);
        } else {
            channels.remove(channel);
            textChannels.remove(channel);
        }
    }

    @Nullable
    ChannelState channel(long channelId) {
        for (ChannelState channel : channels) {
            if (channel.id == channelId) {
                return channel;
            }
        }
        return null;
    }

    @Nullable
    ChannelState thread(long threadId) {
        for (ChannelState thread : threads) {
            if (thread.id == threadId) {
                return thread;
            }
        }
        return null;
    }

    boolean hasEmoji(long emojiId) {
        for (Emoji emoji : emojis) {
            if (emoji.id() == emojiId) {
                return true;
            }
        }
        return false;
    }

    @Nullable
    RoleState role(long roleId) {
        for (RoleState role : roles) {
            if (role.id == roleId) {
                return role;
            }
        }
        return null;
    }

    /** Writes the plain guild's fields (GATEWAY.md section 12) into an object the caller opened. */
    void writeGuildFields(JsonGenerator g) throws IOException {
        JsonOutput.snowflake(g, "id", id);
        g.writeStringField("name", name);
        JsonOutput.stringOrNull(g, "icon", icon);
        JsonOutput.stringOrNull(g, "description", description);
        g.writeNullField("banner");
        g.writeNullField("splash");
        g.writeNullField("discovery_splash");
        JsonOutput.snowflake(g, "owner_id", ownerId);
        JsonOutput.snowflakeOrNull(g, "afk_channel_id", afkChannelId);
        g.writeNumberField("afk_timeout", afkTimeout);
        g.writeBooleanField("widget_enabled", false);
        g.writeNullField("widget_channel_id");
        g.writeNumberField("verification_level", verificationLevel);
        g.writeNumberField("default_message_notifications", 1);
        g.writeNumberField("explicit_content_filter", 2);
        g.writeArrayFieldStart("features");
        for (String feature : features) {
            g.writeString(feature);
        }
        g.writeEndArray();
        g.writeNumberField("mfa_level", 0);
        g.writeNullField("application_id");
        JsonOutput.snowflakeOrNull(g, "system_channel_id", systemChannelId);
        g.writeNumberField("system_channel_flags", 0);
        JsonOutput.snowflakeOrNull(g, "rules_channel_id", rulesChannelId);
        JsonOutput.snowflakeOrNull(g, "public_updates_channel_id", publicUpdatesChannelId);
        g.writeNullField("safety_alerts_channel_id");
        g.writeNullField("max_presences");
        g.writeNumberField("max_members", 500_000);
        g.writeNullField("vanity_url_code");
        g.writeNumberField("premium_tier", premiumTier);
        g.writeNumberField("premium_subscription_count", premiumSubscriptionCount);
        g.writeStringField("preferred_locale", preferredLocale);
        g.writeNumberField("max_video_channel_users", 25);
        g.writeNumberField("max_stage_video_channel_users", 50);
        g.writeNumberField("nsfw_level", 0);
        g.writeBooleanField("nsfw", false);
        g.writeBooleanField("premium_progress_bar_enabled", false);
        g.writeNullField("hub_type");
        g.writeNullField("incidents_data");
        g.writeNullField("latest_onboarding_question_id");
        writeRoles(g);
        writeEmojis(g);
        g.writeArrayFieldStart("stickers");
        for (Sticker sticker : stickers) {
            sticker.write(g);
        }
        g.writeEndArray();
    }

    void writeRoles(JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("roles");
        for (RoleState role : roles) {
            role.write(g);
        }
        g.writeEndArray();
    }

    void writeEmojis(JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("emojis");
        for (Emoji emoji : emojis) {
            emoji.write(g);
        }
        g.writeEndArray();
    }

    /** Writes channels and threads; {@code guildId} 0 leaves out their {@code guild_id} (GUILD_CREATE). */
    void writeChannelsAndThreads(JsonGenerator g, long guildId) throws IOException {
        g.writeArrayFieldStart("channels");
        for (ChannelState channel : channels) {
            channel.write(g, guildId, false);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("threads");
        for (ChannelState thread : threads) {
            thread.write(g, guildId, false);
        }
        g.writeEndArray();
    }
}
