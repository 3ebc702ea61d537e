package io.flotilla.fake.world;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * One role of a guild (GATEWAY.md section 12). The {@code @everyone} role has the guild's id. Mutable, guarded
 * by its guild's lock.
 */
final class RoleState {

    /** Permission bits (Discord's permission flags) used for the generated roles. */
    static final long EVERYONE_PERMISSIONS = (1L << 0)
            | (1L << 6)
            | (1L << 10)
            | (1L << 11)
            | (1L << 14)
            | (1L << 15)
            | (1L << 16)
            | (1L << 18)
            | (1L << 20)
            | (1L << 21)
            | (1L << 25)
            | (1L << 26);

    static final long MODERATOR_PERMISSIONS =
            EVERYONE_PERMISSIONS | (1L << 1) | (1L << 2) | (1L << 4) | (1L << 13) | (1L << 27) | (1L << 28);
    static final long ADMINISTRATOR = 1L << 3;

    // identity
    final long id;
    /** Set only for a bot's integration role: its {@code tags.bot_id}. */
    final long botId;

    // mutable state, guarded by the guild's lock
    String name;
    int color;
    boolean hoist;
    int position;
    long permissions;
    boolean mentionable;

    RoleState(long id, long botId, String name, int color, int position, long permissions) {
        this.id = id;
        this.botId = botId;
        this.name = name;
        this.color = color;
        this.position = position;
        this.permissions = permissions;
    }

    boolean managed() {
        return botId != 0;
    }

    void write(JsonGenerator g) throws IOException {
        g.writeStartObject();
        JsonOutput.snowflake(g, "id", id);
        g.writeStringField("name", name);
        g.writeNullField("description");
        g.writeNumberField("color", color);
        g.writeObjectFieldStart("colors");
        g.writeNumberField("primary_color", color);
        g.writeNullField("secondary_color");
        g.writeNullField("tertiary_color");
        g.writeEndObject();
        g.writeBooleanField("hoist", hoist);
        g.writeNullField("icon");
        g.writeNullField("unicode_emoji");
        g.writeNumberField("position", position);
        g.writeStringField("permissions", Long.toString(permissions));
        g.writeBooleanField("managed", managed());
        g.writeBooleanField("mentionable", mentionable);
        if (managed()) {
            g.writeObjectFieldStart("tags");
            JsonOutput.snowflake(g, "bot_id", botId);
            g.writeEndObject();
        }
        g.writeNumberField("flags", 0);
        g.writeEndObject();
    }
}
