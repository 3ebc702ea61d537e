package io.flotilla.fake.world;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * One guild channel or active thread (GATEWAY.md section 12). {@code last_message_id} and
 * {@code last_pin_timestamp} are deliberately not tracked: Discord sends no CHANNEL_UPDATE for them (section
 * 11.3), so a cache could never match them. Mutable, guarded by its guild's lock.
 */
final class ChannelState {

    static final int GUILD_TEXT = 0;
    static final int GUILD_VOICE = 2;
    static final int GUILD_CATEGORY = 4;
    static final int GUILD_ANNOUNCEMENT = 5;
    static final int PUBLIC_THREAD = 11;

    // identity
    final long id;
    final int type;

    // mutable state, guarded by the guild's lock
    String name;
    int position;
    long parentId;

    @Nullable
    String topic;

    boolean nsfw;
    int rateLimitPerUser;
    /** A role whose overwrite denies SEND_MESSAGES here, or 0 for no overwrite. */
    long mutedRoleId;
    /** Voice only: the ephemeral channel status (op 43), or null. */
    @Nullable
    String voiceStatus;

    // thread-only state
    long ownerId;
    long createdMs;
    int messageCount;
    int memberCount;
    /** When the bot joined the thread, or 0 when it is not a thread member. */
    long botJoinedMs;

    ChannelState(long id, int type, String name, int position, long parentId) {
        this.id = id;
        this.type = type;
        this.name = name;
        this.position = position;
        this.parentId = parentId;
    }

    /** A new public thread under {@code parent}, started by {@code ownerId}. */
    static ChannelState newThread(long id, ChannelState parent, long ownerId, long createdMs, RandomGenerator rng) {
        ChannelState thread = new ChannelState(id, PUBLIC_THREAD, Names.thread(rng), 0, parent.id);
        thread.ownerId = ownerId;
        thread.createdMs = createdMs;
        thread.messageCount = rng.nextInt(50);
        thread.memberCount = 1 + rng.nextInt(10);
        return thread;
    }

    boolean isThread() {
        return type == PUBLIC_THREAD;
    }

    boolean isText() {
        return type == GUILD_TEXT || type == GUILD_ANNOUNCEMENT;
    }

    boolean isVoice() {
        return type == GUILD_VOICE;
    }

    /**
     * Writes the channel. {@code guildId} is 0 inside GUILD_CREATE, where channels carry no {@code guild_id}
     * (GATEWAY.md section 11.1), and the guild's id in channel events and snapshots.
     */
    void write(JsonGenerator g, long guildId, boolean newlyCreated) throws IOException {
        g.writeStartObject();
        JsonOutput.snowflake(g, "id", id);
        g.writeNumberField("type", type);
        if (guildId != 0) {
            JsonOutput.snowflake(g, "guild_id", guildId);
        }
        g.writeStringField("name", name);
        JsonOutput.snowflakeOrNull(g, "parent_id", parentId);
        g.writeNumberField("flags", 0);
        if (isThread()) {
            writeThreadFields(g, newlyCreated);
        } else {
            writeChannelFields(g, guildId);
        }
        g.writeEndObject();
    }

    private void writeChannelFields(JsonGenerator g, long guildId) throws IOException {
        g.writeNumberField("position", position);
        g.writeArrayFieldStart("permission_overwrites");
        if (mutedRoleId != 0) {
            g.writeStartObject();
            JsonOutput.snowflake(g, "id", mutedRoleId);
            g.writeNumberField("type", 0);
            g.writeStringField("allow", "0");
            g.writeStringField("deny", Long.toString(1L << 11));
            g.writeEndObject();
        }
        g.writeEndArray();
        if (type != GUILD_CATEGORY) {
            g.writeBooleanField("nsfw", nsfw);
            g.writeNumberField("rate_limit_per_user", rateLimitPerUser);
        }
        if (isText()) {
            JsonOutput.stringOrNull(g, "topic", topic);
        } else if (isVoice()) {
            g.writeNumberField("bitrate", 64_000);
            g.writeNumberField("user_limit", 0);
            g.writeNullField("rtc_region");
        }
    }

    private void writeThreadFields(JsonGenerator g, boolean newlyCreated) throws IOException {
        JsonOutput.snowflake(g, "owner_id", ownerId);
        g.writeNumberField("rate_limit_per_user", rateLimitPerUser);
        g.writeNumberField("message_count", messageCount);
        g.writeNumberField("total_message_sent", messageCount);
        g.writeNumberField("member_count", memberCount);
        g.writeObjectFieldStart("thread_metadata");
        g.writeBooleanField("archived", false);
        g.writeNumberField("auto_archive_duration", 1440);
        g.writeStringField("archive_timestamp", IsoTime.of(createdMs));
        g.writeBooleanField("locked", false);
        g.writeStringField("create_timestamp", IsoTime.of(createdMs));
        g.writeEndObject();
        if (botJoinedMs != 0) {
            // The bot's thread member; inside a guild it omits id and user_id (GATEWAY.md section 11.1).
            g.writeObjectFieldStart("member");
            g.writeStringField("join_timestamp", IsoTime.of(botJoinedMs));
            g.writeNumberField("flags", 1);
            g.writeEndObject();
        }
        if (newlyCreated) {
            g.writeBooleanField("newly_created", true);
        }
    }
}
