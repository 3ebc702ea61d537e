package io.flotilla.gateway;

/**
 * A bot token. A value whose {@link #toString()} masks the secret so it cannot leak into logs or exception
 * messages; only the payload writers read {@link #value()}.
 *
 * @param value the bare token, without a "Bot " prefix (GATEWAY.md section 5.3)
 */
public record Token(String value) {
    public Token {
        if (value.isBlank()) {
            throw new IllegalArgumentException("bot token is empty; set BOT_TOKEN");
        }
        if (value.startsWith("Bot ")) {
            value = value.substring(4);
        }
    }

    @Override
    public String toString() {
        return "Token[***]";
    }
}
