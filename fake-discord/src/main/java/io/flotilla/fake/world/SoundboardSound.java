package io.flotilla.fake.world;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** A guild soundboard sound, as GUILD_CREATE and SOUNDBOARD_SOUNDS (op 31, GATEWAY.md section 7) carry it. */
record SoundboardSound(long id, long guildId, String name, String emojiName) {

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
