package io.flotilla.protocol;

/**
 * The gateway intents bitfield (GATEWAY.md section 10). A value; immutable.
 *
 * @param bits the bitfield sent in identify
 */
public record Intents(long bits) {
    public static final long GUILDS = 1L;
    public static final long GUILD_MEMBERS = 1L << 1;
    public static final long GUILD_MODERATION = 1L << 2;
    public static final long GUILD_EXPRESSIONS = 1L << 3;
    public static final long GUILD_INTEGRATIONS = 1L << 4;
    public static final long GUILD_WEBHOOKS = 1L << 5;
    public static final long GUILD_INVITES = 1L << 6;
    public static final long GUILD_VOICE_STATES = 1L << 7;
    public static final long GUILD_PRESENCES = 1L << 8;
    public static final long GUILD_MESSAGES = 1L << 9;
    public static final long GUILD_MESSAGE_REACTIONS = 1L << 10;
    public static final long GUILD_MESSAGE_TYPING = 1L << 11;
    public static final long DIRECT_MESSAGES = 1L << 12;
    public static final long DIRECT_MESSAGE_REACTIONS = 1L << 13;
    public static final long DIRECT_MESSAGE_TYPING = 1L << 14;
    public static final long MESSAGE_CONTENT = 1L << 15;
    public static final long GUILD_SCHEDULED_EVENTS = 1L << 16;
    public static final long AUTO_MODERATION_CONFIGURATION = 1L << 20;
    public static final long AUTO_MODERATION_EXECUTION = 1L << 21;
    public static final long GUILD_MESSAGE_POLLS = 1L << 24;
    public static final long DIRECT_MESSAGE_POLLS = 1L << 25;

    /** Every documented bit; section 10 gives the sum 53608447. */
    public static final long KNOWN = 53_608_447L;
    /** GUILD_MEMBERS, GUILD_PRESENCES and MESSAGE_CONTENT; section 10 gives the sum 33026. */
    public static final long PRIVILEGED = GUILD_MEMBERS | GUILD_PRESENCES | MESSAGE_CONTENT;

    public Intents {
        if (bits < 0) {
            throw new IllegalArgumentException("intents must not be negative, got " + bits);
        }
    }

    public static Intents of(long... flags) {
        long bits = 0;
        for (long flag : flags) {
            bits |= flag;
        }
        return new Intents(bits);
    }

    /** Bits Discord does not define; sending any of them gets close code 4013. */
    public long unknownBits() {
        return bits & ~KNOWN;
    }

    public boolean hasPrivileged() {
        return (bits & PRIVILEGED) != 0;
    }

    public boolean has(long flag) {
        return (bits & flag) == flag;
    }
}
