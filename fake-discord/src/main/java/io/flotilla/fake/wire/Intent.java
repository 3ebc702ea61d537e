package io.flotilla.fake.wire;

/** Gateway intents (GATEWAY.md section 10), in bit order; three are privileged. */
public enum Intent {
    GUILDS(0, false),
    GUILD_MEMBERS(1, true),
    GUILD_MODERATION(2, false),
    GUILD_EXPRESSIONS(3, false),
    GUILD_INTEGRATIONS(4, false),
    GUILD_WEBHOOKS(5, false),
    GUILD_INVITES(6, false),
    GUILD_VOICE_STATES(7, false),
    GUILD_PRESENCES(8, true),
    GUILD_MESSAGES(9, false),
    GUILD_MESSAGE_REACTIONS(10, false),
    GUILD_MESSAGE_TYPING(11, false),
    DIRECT_MESSAGES(12, false),
    DIRECT_MESSAGE_REACTIONS(13, false),
    DIRECT_MESSAGE_TYPING(14, false),
    MESSAGE_CONTENT(15, true),
    GUILD_SCHEDULED_EVENTS(16, false),
    AUTO_MODERATION_CONFIGURATION(20, false),
    AUTO_MODERATION_EXECUTION(21, false),
    GUILD_MESSAGE_POLLS(24, false),
    DIRECT_MESSAGE_POLLS(25, false);

    /** Every documented bit: 53608447 (GATEWAY.md 10). Other bits in identify get close 4013. */
    public static final int ALL = all(false);

    /** The privileged bits: 33026. Asking for one the app was not granted gets close 4014. */
    public static final int PRIVILEGED = all(true);

    private final int mask;
    private final boolean privileged;

    Intent(int bit, boolean privileged) {
        this.mask = 1 << bit;
        this.privileged = privileged;
    }

    public int mask() {
        return mask;
    }

    public boolean privileged() {
        return privileged;
    }

    /** Whether the bitfield holds this intent. */
    public boolean in(int intents) {
        return (intents & mask) != 0;
    }

    private static int all(boolean privilegedOnly) {
        int sum = 0;
        for (Intent intent : values()) {
            if (!privilegedOnly || intent.privileged) {
                sum |= intent.mask;
            }
        }
        return sum;
    }
}
