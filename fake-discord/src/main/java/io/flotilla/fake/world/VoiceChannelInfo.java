package io.flotilla.fake.world;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * Renders CHANNEL_INFO (the answer to op 43, GATEWAY.md section 7): for each voice channel its ephemeral
 * {@code status} and, while someone sits in it, {@code voice_start_time} in Unix seconds. Stateless; the
 * caller holds the guild's lock.
 */
final class VoiceChannelInfo {

    private VoiceChannelInfo() {}

    static void write(JsonGenerator g, GuildState guild) throws IOException {
        g.writeStartObject();
        JsonOutput.snowflake(g, "guild_id", guild.id);
        g.writeArrayFieldStart("channels");
        for (ChannelState channel : guild.channels) {
            if (!channel.isVoice()) {
                continue;
            }
            g.writeStartObject();
            JsonOutput.snowflake(g, "id", channel.id);
            if (channel.voiceStatus != null) {
                g.writeStringField("status", channel.voiceStatus);
            }
            long startMs = firstJoinMs(guild, channel.id);
            if (startMs != 0) {
                g.writeNumberField("voice_start_time", startMs / 1000);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** When the channel's call started: we keep no history, so the earliest join of anyone still in it. */
    private static long firstJoinMs(GuildState guild, long channelId) {
        long first = 0;
        for (MemberState member : guild.members) {
            if (member.voiceChannelId == channelId && (first == 0 || member.voiceJoinedMs < first)) {
                first = member.voiceJoinedMs;
            }
        }
        return first;
    }
}
