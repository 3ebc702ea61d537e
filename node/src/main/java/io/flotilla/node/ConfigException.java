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

    /** The environment variable at fault (the first one named when several conflict). */
    public String variable() {
        return variable;
    }
}
