package io.flotilla.fake.world;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/** A guild soundboard sound, as GUILD_CREATE and SOUNDBOARD_SOUNDS (op 31, GATEWAY.md section 7) carry it. */
record SoundboardSound(long id, long guildId, String name, String emojiName) {

    /** The {@code d} of SOUNDBOARD_SOUNDS: {@code {guild_id, soundboard_sounds}}. */
    static void writeAnswer(JsonGenerator g, long guildId, List<SoundboardSound> sounds) throws IOException {
        g.writeStartObject();
        JsonOutput.snowflake(g, "guild_id", guildId);
        g.writeArrayFieldStart("soundboard_sounds");
        for (SoundboardSound sound : sounds) {
            sound.write(g);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        JsonOutput.snowflake(g, "sound_id", id);
        g.writeStringField("name", name);
        g.writeNumberField("volume", 1.0);
        g.writeNullField("emoji_id");
        g.writeStringField("emoji_name", emojiName);
        JsonOutput.snowflake(g, "guild_id", guildId);
        g.writeBooleanField("available", true);
        g.writeEndObject();
    }
}
