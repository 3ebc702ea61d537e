package io.flotilla.node;

/**
 * A secret from the configuration (Redis password, admin token): {@link #toString()} never shows it, so it cannot
 * leak into a log line, an exception message or {@link NodeConfig#printable()}. Only the code that hands it to its
 * client reads {@link #value()}. The bot token has its own wrapper ({@link io.flotilla.gateway.Token}).
 *
 * @param value the secret itself, not empty
 */
public record Secret(String value) {
    public Secret {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a secret is never empty");
        }
    }

    @Override
    public String toString() {
        return "***";
    }
}
