package io.flotilla.node;

/**
 * A configuration value the node cannot run with. The message names the variable, the value given (never for a
 * secret) and what is accepted, so an operator can fix it from the message alone; {@link Main} prints it and exits
 * with 2.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String variable;

    public ConfigException(String variable, String message) {
        super(variable + ": " + message);
        this.variable = variable;
    }

    /**
     * This error with every secret of {@code env} ({@code BOT_TOKEN}, {@code REDIS_PASS}, {@code ADMIN_TOKEN}) and
     * any password in a URL's user part shown as {@code ***}: a value echoed back may hold one when it was put into
     * the wrong variable ({@code REDIS_HOST=rediss://:pw@host}).
     */
    ConfigException redacted(java.util.Map<String, String> env) {
        String message = String.valueOf(getMessage()).substring(variable.length() + 2);
        for (String secret : new String[] {"BOT_TOKEN", "REDIS_PASS", "ADMIN_TOKEN"}) {
            String value = env.get(secret);
            if (value != null && value.length() >= 4) {
                message = message.replace(value, "***");
            }
        }
        message = message.replaceAll("://[^@/\\s']*@", "://***@");
        return new ConfigException(variable, message);
    }

    /** The environment variable at fault (the first one named when several conflict). */
    public String variable() {
        return variable;
    }
}
