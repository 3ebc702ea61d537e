package io.flotilla.fake.world;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * Renders a guild's GUILD_CREATE {@code d} (GATEWAY.md section 11.1): the plain guild plus the extras, with the
 * members and presences a session with the given intents and large threshold receives. Stateless; the caller
 * holds the guild's lock.
 */
final class GuildCreate {

    /** GUILD_PRESENCES (GATEWAY.md section 10). */
    static final int GUILD_PRESENCES = 1 << 8;

    private GuildCreate() {}

    /** Above this many members Discord sends only the bot and voice members, presences or not (section 11.1). */
    static final int HUGE_GUILD = 75_000;

    /** Which members a session gets in GUILD_CREATE (GATEWAY.md section 11.1). */
    static boolean includes(MemberState member, long botId, boolean presences, boolean large, boolean huge) {
        if (member.userId == botId || member.voiceChannelId != 0) {
            return true;
        }
        if (!presences || huge) {
            return false;
        }
        return !large || member.status.online() || member.roles.length > 0 || member.nick != null;
    }

    static void write(JsonGenerator g, GuildState guild, UserDirectory users, long botId, int intents, int threshold)
            throws IOException {
        g.writeStartObject();
        if (guild.unavailable) {
            JsonOutput.snowflake(g, "id", guild.id);
            g.writeBooleanField("unavailable", true);
            g.writeEndObject();
            return;
        }
        boolean presences = (intents & GUILD_PRESENCES) != 0;
        boolean large = guild.members.size() > threshold;
        boolean huge = guild.members.size() > HUGE_GUILD;
        guild.writeGuildFields(g);
        g.writeStringField("joined_at", IsoTime.of(guild.joinedMs));
        g.writeBooleanField("large", large);
        g.writeBooleanField("unavailable", false);
        g.writeNumberField("member_count", guild.members.size());
        guild.writeChannelsAndThreads(g, 0);
        g.writeArrayFieldStart("members");
        for (MemberState member : guild.members) {
            if (includes(member, botId, presences, large, huge)) {
                member.write(g, users.get(member.userId));
            }
        }
        g.writeEndArray();
        g.writeArrayFieldStart("voice_states");
        for (MemberState member : guild.members) {
            if (member.voiceChannelId != 0) {
                member.writeVoiceState(g, 0, null);
            }
        }
        g.writeEndArray();
        g.writeArrayFieldStart("presences");
        if (presences) {
            for (MemberState member : guild.members) {
                if (member.status.online()) {
                    member.writePresence(g, 0, null);
                }
            }
        }
        g.writeEndArray();
        g.writeArrayFieldStart("stage_instances");
        g.writeEndArray();
        g.writeArrayFieldStart("guild_scheduled_events");
        g.writeEndArray();
        g.writeArrayFieldStart("soundboard_sounds");
        for (SoundboardSound sound : guild.sounds) {
            sound.write(g);
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
