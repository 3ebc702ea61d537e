package io.flotilla.fake.world;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** A guild sticker (Discord's sticker object, type 2 = guild, format 1 = PNG). Immutable. */
record Sticker(long id, long guildId, String name) {

    void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        JsonOutput.snowflake(g, "id", id);
        g.writeStringField("name", name);
        g.writeStringField("description", "the " + name + " sticker");
        g.writeStringField("tags", name);
        g.writeNumberField("type", 2);
        g.writeNumberField("format_type", 1);
        g.writeBooleanField("available", true);
        JsonOutput.snowflake(g, "guild_id", guildId);
        g.writeEndObject();
    }
}
