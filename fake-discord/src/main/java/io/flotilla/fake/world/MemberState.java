package io.flotilla.fake.world;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * One member of a guild: the guild-specific part of a user (GATEWAY.md section 12), plus the member's presence
 * and voice state in that guild. The user itself lives in {@link UserDirectory}. Mutable, guarded by its
 * guild's lock.
 */
final class MemberState {

    private static final long[] NO_ROLES = {};

    // identity
    final long userId;
    final long joinedMs;

    // mutable state, guarded by the guild's lock
    @Nullable
    String nick;
    /** Role ids, never the {@code @everyone} role. */
    long[] roles = NO_ROLES;

    long premiumSinceMs;
    PresenceStatus status = PresenceStatus.OFFLINE;

    @Nullable
    String activity;

    long activityStartMs;
    /** The voice channel the member sits in, or 0. */
    long voiceChannelId;

    @Nullable
    String voiceSessionId;

    long voiceJoinedMs;
    boolean selfMute;
    boolean selfDeaf;
    /** Position in the guild's member list, for O(1) removal. */
    int index;

    MemberState(long userId, long joinedMs) {
        this.userId = userId;
        this.joinedMs = joinedMs;
    }

    /**
     * Gives a new member a realistic mix of roles, nickname, boost, presence and voice state. Roles are
     * picked from the guild's assignable ones (not {@code @everyone}, not the bot's managed role).
     */
    void randomize(GuildState guild, RandomGenerator rng, long nowMs) {
        int assignable = guild.roles.size() - 2;
        if (assignable > 0) {
            int count = rng.nextInt(3);
            long first = guild.roles.get(1 + rng.nextInt(assignable)).id;
            long second = guild.roles.get(1 + rng.nextInt(assignable)).id;
            roles = count == 0
                    ? NO_ROLES
                    : count == 1 || first == second ? new long[] {first} : new long[] {first, second};
        }
        nick = rng.nextInt(7) == 0 ? Names.nick(rng) : null;
        premiumSinceMs = rng.nextInt(30) == 0 ? Math.max(joinedMs, nowMs - rng.nextLong(1, 30_000_000_000L)) : 0;
        int presence = rng.nextInt(100);
        status = presence < 30
                ? PresenceStatus.ONLINE
                : presence < 40 ? PresenceStatus.IDLE : presence < 45 ? PresenceStatus.DND : PresenceStatus.OFFLINE;
        if (status.online() && rng.nextInt(3) == 0) {
            activity = Names.displayName(rng);
            activityStartMs = nowMs - rng.nextInt(3_600_000);
        }
        ChannelState lastChannel = guild.channels.get(guild.channels.size() - 1);
        if (lastChannel.isVoice() && rng.nextInt(25) == 0) {
            joinVoice(lastChannel.id, rng, nowMs - rng.nextInt(7_200_000));
        }
    }

    void joinVoice(long channelId, RandomGenerator rng, long nowMs) {
        voiceChannelId = channelId;
        voiceJoinedMs = nowMs;
        voiceSessionId = Names.imageHash(rng);
        selfMute = rng.nextInt(3) == 0;
        selfDeaf = rng.nextInt(8) == 0;
    }

    void leaveVoice() {
        voiceChannelId = 0;
        voiceSessionId = null;
        voiceJoinedMs = 0;
        selfMute = false;
        selfDeaf = false;
    }

    boolean hasRole(long roleId) {
        for (long role : roles) {
            if (role == roleId) {
                return true;
            }
        }
        return false;
    }

    /** Writes the member object; with {@code user} null it is the partial member of MESSAGE_CREATE. */
    void write(JsonGenerator g, @Nullable User user) throws IOException {
        g.writeStartObject();
        writeFields(g, user);
        g.writeEndObject();
    }

    /** Writes the member's fields into an object the caller opened (so events can add {@code guild_id}). */
    void writeFields(JsonGenerator g, @Nullable User user) throws IOException {
        if (user != null) {
            g.writeFieldName("user");
            user.write(g);
        }
        JsonOutput.stringOrNull(g, "nick", nick);
        g.writeNullField("avatar");
        g.writeNullField("banner");
        g.writeArrayFieldStart("roles");
        for (long role : roles) {
            g.writeString(Long.toUnsignedString(role));
        }
        g.writeEndArray();
        g.writeStringField("joined_at", IsoTime.of(joinedMs));
        JsonOutput.timeOrNull(g, "premium_since", premiumSinceMs);
        g.writeBooleanField("deaf", false);
        g.writeBooleanField("mute", false);
        g.writeNumberField("flags", 0);
        g.writeBooleanField("pending", false);
        g.writeNullField("communication_disabled_until");
    }

    /** Writes the voice state; {@code guildId} 0 leaves out {@code guild_id} and {@code member} (GUILD_CREATE). */
    void writeVoiceState(JsonGenerator g, long guildId, @Nullable User user) throws IOException {
        g.writeStartObject();
        if (guildId != 0) {
            JsonOutput.snowflake(g, "guild_id", guildId);
        }
        JsonOutput.snowflakeOrNull(g, "channel_id", voiceChannelId);
        JsonOutput.snowflake(g, "user_id", userId);
        if (guildId != 0 && user != null) {
            g.writeFieldName("member");
            write(g, user);
        }
        g.writeStringField("session_id", voiceSessionId == null ? "" : voiceSessionId);
        g.writeBooleanField("deaf", false);
        g.writeBooleanField("mute", false);
        g.writeBooleanField("self_deaf", selfDeaf);
        g.writeBooleanField("self_mute", selfMute);
        g.writeBooleanField("self_video", false);
        g.writeBooleanField("suppress", false);
        g.writeNullField("request_to_speak_timestamp");
        g.writeEndObject();
    }

    /**
     * Writes the presence; {@code guildId} 0 leaves out {@code guild_id} (GUILD_CREATE, chunks). The user is
     * partial, {@code {id}} or {@code {id, username}} when {@code username} is given (GATEWAY.md section 11.7).
     */
    void writePresence(JsonGenerator g, long guildId, @Nullable String username) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("user");
        JsonOutput.snowflake(g, "id", userId);
        if (username != null) {
            g.writeStringField("username", username);
        }
        g.writeEndObject();
        if (guildId != 0) {
            JsonOutput.snowflake(g, "guild_id", guildId);
        }
        g.writeStringField("status", status.wire());
        g.writeArrayFieldStart("activities");
        if (activity != null && status.online()) {
            g.writeStartObject();
            g.writeStringField("name", activity);
            g.writeNumberField("type", 0);
            g.writeNumberField("created_at", activityStartMs);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("client_status");
        if (status.online()) {
            g.writeStringField((userId & 3) == 0 ? "mobile" : "desktop", status.wire());
        }
        g.writeEndObject();
        g.writeEndObject();
    }
}
