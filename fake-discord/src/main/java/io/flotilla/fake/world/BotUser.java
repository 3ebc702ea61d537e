package io.flotilla.fake.world;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * The bot's own user object as {@code GET /users/@me} and READY's {@code user} show it: the public user fields
 * plus the ones only the bot sees about itself (GATEWAY.md section 12). Stateless.
 */
final class BotUser {

    private BotUser() {}

    static void write(JsonGenerator g, User bot) throws IOException {
        g.writeStartObject();
        bot.writeFields(g);
        g.writeNumberField("flags", 0);
        g.writeNullField("banner");
        g.writeNullField("accent_color");
        g.writeBooleanField("verified", true);
        g.writeBooleanField("mfa_enabled", false);
        g.writeNullField("email");
        g.writeEndObject();
    }
}
