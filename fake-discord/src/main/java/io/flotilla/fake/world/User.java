package io.flotilla.fake.world;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * A global Discord user (GATEWAY.md section 12), shared by every guild the user is a member of. Immutable: a
 * change replaces the whole value in {@link UserDirectory}, so readers under any guild's lock see a consistent
 * user.
 */
record User(
        long id,
        String username,
        @Nullable String globalName,
        @Nullable String avatar,
        boolean bot,
        int publicFlags) {

    User withUsername(String newUsername) {
        return new User(id, newUsername, globalName, avatar, bot, publicFlags);
    }

    User withProfile(@Nullable String newGlobalName, @Nullable String newAvatar) {
        return new User(id, username, newGlobalName, newAvatar, bot, publicFlags);
    }

    /** Writes the user object as members, authors and {@code GET /users/@me} carry it. */
    void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        writeFields(g);
        g.writeEndObject();
    }

    void writeFields(JsonGenerator g) throws IOException {
        JsonOutput.snowflake(g, "id", id);
        g.writeStringField("username", username);
        g.writeStringField("discriminator", "0");
        JsonOutput.stringOrNull(g, "global_name", globalName);
        JsonOutput.stringOrNull(g, "avatar", avatar);
        if (bot) {
            // Discord only sends the key for bots; humans leave it out.
            g.writeBooleanField("bot", true);
        }
        g.writeNumberField("public_flags", publicFlags);
        g.writeNullField("avatar_decoration_data");
    }
}
