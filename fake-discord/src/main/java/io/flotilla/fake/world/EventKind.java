package io.flotilla.fake.world;

/**
 * The events the generator produces, each with its share of the stream (in hundredths of a percent) and the
 * intent a session needs to receive it (GATEWAY.md section 10). Shares follow a busy real guild: mostly
 * messages, then presence and typing, a trickle of structural changes.
 */
enum EventKind {
    MESSAGE_CREATE(5500, EventKind.GUILD_MESSAGES),
    TYPING_START(900, EventKind.GUILD_MESSAGE_TYPING),
    PRESENCE_UPDATE(800, EventKind.GUILD_PRESENCES),
    MESSAGE_REACTION_ADD(600, EventKind.GUILD_MESSAGE_REACTIONS),
    MESSAGE_UPDATE(400, EventKind.GUILD_MESSAGES),
    MESSAGE_DELETE(300, EventKind.GUILD_MESSAGES),
    GUILD_MEMBER_UPDATE(300, EventKind.GUILD_MEMBERS),
    GUILD_MEMBER_ADD(200, EventKind.GUILD_MEMBERS),
    VOICE_STATE_UPDATE(200, EventKind.GUILD_VOICE_STATES),
    GUILD_MEMBER_REMOVE(150, EventKind.GUILD_MEMBERS),
    CHANNEL_UPDATE(100, EventKind.GUILDS),
    THREAD_CREATE(80, EventKind.GUILDS),
    CHANNEL_CREATE(50, EventKind.GUILDS),
    THREAD_UPDATE(50, EventKind.GUILDS),
    GUILD_ROLE_CREATE(50, EventKind.GUILDS),
    GUILD_ROLE_UPDATE(50, EventKind.GUILDS),
    CHANNEL_DELETE(30, EventKind.GUILDS),
    THREAD_DELETE(30, EventKind.GUILDS),
    GUILD_ROLE_DELETE(30, EventKind.GUILDS),
    GUILD_UPDATE(30, EventKind.GUILDS),
    GUILD_EMOJIS_UPDATE(30, EventKind.GUILD_EXPRESSIONS),
    CHANNEL_PINS_UPDATE(30, EventKind.GUILDS),
    MESSAGE_DELETE_BULK(20, EventKind.GUILD_MESSAGES);

    // Intent bits, GATEWAY.md section 10.
    static final int GUILDS = 1;
    static final int GUILD_MEMBERS = 1 << 1;
    static final int GUILD_EXPRESSIONS = 1 << 3;
    static final int GUILD_VOICE_STATES = 1 << 7;
    static final int GUILD_PRESENCES = 1 << 8;
    static final int GUILD_MESSAGES = 1 << 9;
    static final int GUILD_MESSAGE_REACTIONS = 1 << 10;
    static final int GUILD_MESSAGE_TYPING = 1 << 11;

    private static final EventKind[] VALUES = values();
    private static final int[] CUMULATIVE = new int[VALUES.length];
    /** The sum of all weights; {@link #pick} takes a number below it. */
    static final int TOTAL_WEIGHT;

    static {
        int sum = 0;
        for (int i = 0; i < VALUES.length; i++) {
            sum += VALUES[i].weight;
            CUMULATIVE[i] = sum;
        }
        TOTAL_WEIGHT = sum;
    }

    private final int weight;
    private final int intents;

    EventKind(int weight, int intents) {
        this.weight = weight;
        this.intents = intents;
    }

    /** The intent bits a session needs to receive this event. */
    int intents() {
        return intents;
    }

    /** Whether the event refers to an earlier message, so it must happen in that message's guild. */
    boolean refersToMessage() {
        return this == MESSAGE_UPDATE
                || this == MESSAGE_DELETE
                || this == MESSAGE_REACTION_ADD
                || this == MESSAGE_DELETE_BULK;
    }

    /** The kind for a uniform number in {@code [0, TOTAL_WEIGHT)}. */
    static EventKind pick(int roll) {
        for (int i = 0; i < VALUES.length; i++) {
            if (roll < CUMULATIVE[i]) {
                return VALUES[i];
            }
        }
        throw new IllegalArgumentException("roll " + roll + " is outside [0, " + TOTAL_WEIGHT + ")");
    }
}
