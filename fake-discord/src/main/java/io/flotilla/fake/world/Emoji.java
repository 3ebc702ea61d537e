package io.flotilla.fake.world;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** A custom guild emoji (GATEWAY.md section 12). Immutable; GUILD_EMOJIS_UPDATE replaces the guild's whole list. */
record Emoji(long id, String name, boolean animated) {

    Emoji withName(String newName) {
        return new Emoji(id, newName, animated);
    }

    void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        JsonOutput.snowflake(g, "id", id);
        g.writeStringField("name", name);
        g.writeArrayFieldStart("roles");
        g.writeEndArray();
        g.writeBooleanField("require_colons", true);
        g.writeBooleanField("managed", false);
        g.writeBooleanField("animated", animated);
        g.writeBooleanField("available", true);
        g.writeEndObject();
    }
}
